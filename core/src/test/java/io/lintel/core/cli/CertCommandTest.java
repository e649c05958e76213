package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** {@code lintel cert}: the Secret it prints, the certificate in it, and a TLS handshake that verifies the host name. */
class CertCommandTest {

    @TempDir
    Path work;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Cli.execute(args, new Console(new PrintWriter(out), new PrintWriter(err)));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Secret(Map<String, Object> document, X509Certificate certificate, PrivateKey key) {}

    @SuppressWarnings("unchecked")
    private static Secret parse(String yaml) throws Exception {
        Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, String> data = (Map<String, String>) document.get("data");
        byte[] crt = Base64.getDecoder().decode(data.get("tls.crt"));
        String keyPem = new String(Base64.getDecoder().decode(data.get("tls.key")), StandardCharsets.US_ASCII);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(crt));
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] pkcs8 = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new Secret(document, certificate, key);
    }

    @Test
    void printsAKubernetesTlsSecretWithACertificateForTheHostnames() throws Exception {
        Run run = run("cert", "--name", "demo-tls", "--namespace", "infra", "--hostname", "Example.test",
                "--hostname", "*.example.test", "--hostname", "127.0.0.1", "--hostname", "::1", "--days", "30");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Secret secret = parse(run.out());
        assertThat(secret.document()).containsEntry("apiVersion", "v1").containsEntry("kind", "Secret")
                .containsEntry("type", "kubernetes.io/tls")
                .containsEntry("metadata", Map.of("name", "demo-tls", "namespace", "infra"));
        X509Certificate certificate = secret.certificate();
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=example.test");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(
                List.of(2, "example.test"), List.of(2, "*.example.test"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(29), Duration.ofDays(30));
    }

    @Test
    void rsaKeysServeATlsHandshakeThatVerifiesTheHostName() throws Exception {
        Path out = work.resolve("conf/tls.yaml");

        Run run = run("cert", "--key-type", "rsa", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Secret secret = parse(Files.readString(out));
        assertThat(secret.document()).containsEntry("metadata", Map.of("name", "lintel-tls", "namespace", "default"));
        assertThat(secret.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(secret.certificate().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(handshake(secret, "localhost")).isEqualTo("hello");
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        assertThat(run("cert", "--key-type", "dsa")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--key-type: 'dsa' (expected: ec or rsa)");
        });
        assertThat(run("cert", "--hostname", "not a name").err()).contains("--hostname: 'not a name' is not a DNS name");
        assertThat(run("cert", "--days", "0").err()).contains("--days: 0 (expected: at least 1)");
        assertThat(run("cert", "--name", "Upper").err()).contains("--name: 'Upper' is not a Kubernetes name");
        assertThat(run("cert", "--namespace", "a.b").err()).contains("--namespace: 'a.b'");
    }

    /** A JDK TLS server with the Secret's key; a JDK client trusting only its certificate, checking the host name. */
    private static String handshake(Secret secret, String hostName) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", secret.key(), new char[0], new java.security.cert.Certificate[] {secret.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", secret.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);

        try (SSLServerSocket listening = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept(); OutputStream out = accepted.getOutputStream()) {
                    out.write("hello".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(hostName, listening.getLocalPort())) {
                socket.setSoTimeout(30_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                InputStream in = socket.getInputStream();
                String received = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                served.get(30, TimeUnit.SECONDS);
                return received;
            }
        }
    }
}
