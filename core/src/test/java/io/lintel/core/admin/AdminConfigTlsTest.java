package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /config} shows which Secret a TLS listener presents, never its key material. */
class AdminConfigTlsTest {

    @Test
    void configNamesTheSecretAndFingerprintButNotTheKey() throws Exception {
        TestTls.Pem pem = TestTls.selfSigned("secure.example.com");
        IrCertificate certificate = IrCertificate.of("infra/secure", pem.material());
        Ir ir = new Ir(List.of(new IrSocket("127.0.0.1", 8443, IrProtocol.HTTPS, List.of(new IrListener(
                "gateway/infra/gw/listener/https", "*", List.of(), Optional.of(new IrTls(List.of(certificate))))))));

        String json = new String(new AdminJson().config(ir), StandardCharsets.UTF_8);

        JsonNode tls = new ObjectMapper().readTree(json).at("/sockets/0/listeners/0/tls/certificates/0");
        assertThat(tls.path("secret").asText()).isEqualTo("infra/secure");
        assertThat(tls.path("fingerprint").asText()).isEqualTo(certificate.fingerprint());
        assertThat(tls.has("material")).isFalse();
        String keyBase64 = Base64.getEncoder().encodeToString(pem.key().getEncoded());
        assertThat(json).doesNotContain("privateKey", "PRIVATE KEY", keyBase64.substring(0, 40));
    }
}
