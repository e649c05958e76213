package io.lintel.core.admin;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrSubjectAltName;
import io.lintel.core.testing.TestCertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /config} shows a backend's TLS settings by source and fingerprint, never anchors or key material. */
class AdminConfigBackendTlsTest {

    @Test
    void configShowsTheTlsSettingsWithoutKeyMaterial() throws Exception {
        TestCertificateAuthority ca = new TestCertificateAuthority("ca");
        TestCertificateAuthority.Issued client = ca.issue(List.of(), List.of());
        IrBackendTls tls = new IrBackendTls("infra/policy", "backend.test",
                List.of(new IrSubjectAltName(IrSubjectAltName.Type.URI, "spiffe://cluster.test/a")), false,
                List.of("infra/ConfigMap/ca"), "sha256:abc", List.of(ca.certificate()),
                Optional.of(IrCertificate.of("infra/client", client.material())), Optional.empty());
        IrBackend backend = new IrBackend("infra/svc:443", 1, "", List.of(new IrEndpoint("127.0.0.1", 8443)), 0,
                List.of(), Optional.of(tls));

        String json = new String(new AdminJson().config(ir(socket("127.0.0.1", 80, listener("l", "*",
                vhost("*", prefix("/", rule("r", backend))))))), StandardCharsets.UTF_8);

        JsonNode shown = new ObjectMapper().readTree(json)
                .at("/sockets/0/listeners/0/virtualHosts/0/matches/0/rule/backends/0/tls");
        assertThat(shown.path("policy").asText()).isEqualTo("infra/policy");
        assertThat(shown.path("hostname").asText()).isEqualTo("backend.test");
        assertThat(shown.path("caSources").get(0).asText()).isEqualTo("infra/ConfigMap/ca");
        assertThat(shown.path("clientCertificate").path("secret").asText()).isEqualTo("infra/client");
        assertThat(shown.has("caCertificates")).isFalse();
        assertThat(json).doesNotContain("privateKey", "PRIVATE KEY",
                Base64.getEncoder().encodeToString(client.key().getEncoded()).substring(0, 40));
    }
}
