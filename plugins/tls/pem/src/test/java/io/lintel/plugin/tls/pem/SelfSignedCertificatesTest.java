package io.lintel.plugin.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.tls.pem.SelfSignedCertificates.KeyAlgorithm;
import io.lintel.plugin.tls.pem.SelfSignedCertificates.Request;
import io.lintel.spi.tls.TlsMaterial;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class SelfSignedCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void defaultIsAnEcP256ServerCertificateForTheGivenNamesValidFor365Days() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificates.generate(
                Request.of(List.of("Gateway.Example.com", "*.apps.example.com"), List.of("127.0.0.1", "::1")), CLOCK);
        X509Certificate certificate = generated.certificate();

        assertThat(generated.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=gateway.example.com");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "gateway.example.com"), List.of(2, "*.apps.example.com"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void rsaWithValidityDaysAndOnlyAnAddress() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificates.generate(
                Request.of(List.of(), List.of("10.0.0.7")).withKeyAlgorithm(KeyAlgorithm.RSA_2048).withValidityDays(30), CLOCK);

        assertThat(((RSAPublicKey) generated.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(generated.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(generated.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=10.0.0.7");
        assertThat(generated.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void pemOutputLoadsBackThroughTheLoader() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificates.generate(Request.of(List.of("localhost"), List.of()));

        assertThat(generated.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(generated.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(generated.certificatePem().lines()).allMatch(line -> line.length() <= 64);
        TlsMaterial material = new PemTlsMaterialLoader(Clock.systemUTC())
                .load(TestPki.secretData(generated.certificatePem(), generated.privateKeyPem()));
        assertThat(material.chain()).containsExactly(generated.certificate());
        assertThat(material.privateKey()).isEqualTo(generated.privateKey());
    }

    @Test
    void secretYamlIsAKubernetesTlsSecretThatLoads() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificates.generate(Request.of(List.of("localhost"), List.of("127.0.0.1")));

        String yaml = generated.tlsSecretYaml("gateway-tls", "123");

        @SuppressWarnings("unchecked")
        Map<String, Object> secret = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertThat(secret).containsEntry("apiVersion", "v1").containsEntry("kind", "Secret")
                .containsEntry("type", "kubernetes.io/tls")
                .containsEntry("metadata", Map.of("name", "gateway-tls", "namespace", "123"));
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) secret.get("data");
        assertThat(data).containsOnlyKeys("tls.crt", "tls.key");
        assertThat(new String(Base64.getDecoder().decode(data.get("tls.crt")), StandardCharsets.US_ASCII))
                .isEqualTo(generated.certificatePem());
        Map<String, byte[]> decoded = Map.of(
                "tls.crt", Base64.getDecoder().decode(data.get("tls.crt")),
                "tls.key", Base64.getDecoder().decode(data.get("tls.key")));
        assertThat(new PemTlsMaterialLoader(Clock.systemUTC()).load(decoded).chain()).containsExactly(generated.certificate());
    }

    @Test
    void secretYamlRejectsInvalidNames() {
        assertThatThrownBy(() -> TlsSecretYaml.render("Gateway TLS", "default", "c", "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadata.name: 'Gateway TLS' is not a DNS subdomain");
        assertThatThrownBy(() -> TlsSecretYaml.render("tls", "a.b", "c", "k"))
                .hasMessageStartingWith("metadata.namespace: 'a.b' is not a DNS label");
    }

    @Test
    void requestRejectsWhatCannotBeCertified() {
        assertThatThrownBy(() -> Request.of(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one name or address");
        assertThatThrownBy(() -> Request.of(List.of("bad_name.example"), List.of()))
                .hasMessageStartingWith("dnsNames: 'bad_name.example' is not a DNS name");
        assertThatThrownBy(() -> Request.of(List.of(), List.of("10.0.0.0/8")))
                .hasMessageStartingWith("ipAddresses: '10.0.0.0/8' is not an IP address");
        assertThatThrownBy(() -> Request.of(List.of("a.example"), List.of()).withValidityDays(0))
                .hasMessage("validity: PT0S (expected: positive)");
    }
}
