package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintel.core.testing.TestCertificateAuthority;
import io.lintel.core.testing.TlsEchoBackend;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BackendTLSPolicy is a plugin: the {@code policy-backend-tls} plugin directory reads the kind, and only it. A copy of
 * the distribution runs an HTTP Gateway whose route sends to a TLS echo backend, and a BackendTLSPolicy for that
 * Service trusting the backend's CA from a ConfigMap. With every plugin, the policy is accepted and requests reach the
 * backend over TLS with the policy's hostname as SNI; with {@code plugins/policy-backend-tls} removed, the GatewayClass
 * and {@code lintel features} no longer list BackendTLSPolicy and BackendTLSPolicySANValidation, the policy has no
 * status and a problem says that no loaded plugin serves its kind (naming the plugin), and the backend is no longer
 * spoken to over TLS.
 */
class BackendTlsPolicyPluginIT {

    private static final String HOSTNAME = "backend.example.test";
    private static final List<String> FEATURES = List.of("BackendTLSPolicy", "BackendTLSPolicySANValidation");

    @TempDir
    static Path work;

    private static DistributionCopy distribution;
    private static Path config;
    private static TlsEchoBackend backend;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws Exception {
        distribution = DistributionCopy.in(work, "BackendTlsPolicyPluginIT");
        TestCertificateAuthority ca = new TestCertificateAuthority("backend-tls-plugin");
        backend = new TlsEchoBackend(ca.issue(List.of(HOSTNAME), List.of()), null);
        gatewayPort = LintelProcess.freePort();
        adminPort = distribution.adminPort();
        config = distribution.config();
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", Manifests.gateway("web", gatewayPort));
        ConfigFiles.write(work, config, "20-service.yaml", Manifests.serviceWithEndpoint("secure", backend.port()));
        ConfigFiles.write(work, config, "30-route.yaml", Manifests.route("secure", "web", "secure"));
        ConfigFiles.write(work, config, "40-policy.yaml", Manifests.caConfigMap("backend-ca", ca.certificate())
                + "---\n" + Manifests.backendTlsPolicy("v1", "secure", HOSTNAME, "backend-ca", ""));
    }

    @AfterAll
    static void stop() {
        if (distribution != null) {
            distribution.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void removingThePluginRemovesTheKindAndItsFeatures() throws Exception {
        lintel = distribution.start("full");
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = ItHttp.get(gatewayPort, "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("sni=" + HOSTNAME + ";client=none");
        });
        JsonNode served = AdminStatus.fetch(adminPort);
        assertThat(AdminStatus.supportedFeatures(served)).containsAll(FEATURES);
        assertThat(policyAccepted(served)).isEqualTo("True");
        assertThat(AdminStatus.problems(served)).noneMatch(problem -> problem.contains("BackendTLSPolicy"));

        distribution.removePlugin("policy-backend-tls");
        lintel = distribution.start("without-policy-backend-tls");

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode status = AdminStatus.fetch(adminPort);
            assertThat(AdminStatus.supportedFeatures(status)).isNotEmpty().doesNotContainAnyElementsOf(FEATURES)
                    .contains("GatewayBackendClientCertificate");
            assertThat(AdminStatus.item(status, "BackendTLSPolicy", "secure")).as("a status for the policy").isNull();
            assertThat(AdminStatus.problems(status)).anySatisfy(problem -> assertThat(problem)
                    .contains("BackendTLSPolicy default/secure", "not served",
                            "gateway.networking.k8s.io/BackendTLSPolicy", "policy-backend-tls"));
            // without the policy the backend is spoken to in clear text, which a TLS server does not answer
            assertThat(ItHttp.get(gatewayPort, "/").statusCode()).isNotEqualTo(200);
        });

        assertThat(distribution.features()).doesNotContainAnyElementsOf(FEATURES)
                .contains("GatewayBackendClientCertificate");
    }

    /** The policy's {@code Accepted} condition status for Gateway {@code web}. */
    private static String policyAccepted(JsonNode status) {
        JsonNode policy = AdminStatus.item(status, "BackendTLSPolicy", "secure");
        assertThat(policy).as("a status for the policy").isNotNull();
        JsonNode ancestors = policy.at("/status/ancestors");
        assertThat(ancestors).hasSize(1);
        return AdminStatus.condition(ancestors.get(0).path("conditions"), "Accepted").path("status").asText();
    }
}
