package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.core.testing.TestCertificateAuthority;
import io.lintel.core.testing.TlsEchoBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from the distribution to real HTTPS backends on loopback, configured by BackendTLSPolicies and a Gateway's
 * backend client certificate, observed through the data plane with a plain HTTP client and on the admin server's
 * {@code /status}. The certificates are issued by CAs made when the test starts and written into the config directory
 * as PEM; one gateway process serves every case, and a case that changes the configuration rewrites only its own file.
 *
 * <p>Two Gateways share the routes: {@code mtls} presents a client certificate to backends
 * ({@code spec.tls.backend.clientCertificateRef}), {@code anonymous} does not.
 */
class BackendTlsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SPIFFE_ID = "spiffe://cluster.local/ns/x/sa/y";

    @TempDir
    static Path work;

    private static Path config;
    private static final List<AutoCloseable> BACKENDS = new ArrayList<>();
    private static TestCertificateAuthority clientCa;
    private static int mtlsGatewayPort;
    private static int anonymousGatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void startGateway() throws Exception {
        TestCertificateAuthority backendCa = new TestCertificateAuthority("backends");
        clientCa = new TestCertificateAuthority("gateway-clients");
        TlsEchoBackend trusted = backend(backendCa.issue(List.of("ca.backend.test"), List.of()), null);
        TlsEchoBackend spiffe = backend(backendCa.issue(List.of("san.backend.test"), List.of(SPIFFE_ID)), null);
        TlsEchoBackend mutual = backend(backendCa.issue(List.of("mtls.backend.test"), List.of()),
                clientCa.certificate());
        TlsEchoBackend untrusted = backend(backendCa.issue(List.of("broken.backend.test"), List.of()), null);
        TlsEchoBackend tls12Only = new TlsEchoBackend(backendCa.issue(List.of("old.backend.test"), List.of()), null,
                "TLSv1.2");
        BACKENDS.add(tls12Only);
        NamedBackend plain = new NamedBackend("plain");
        BACKENDS.add(plain);

        mtlsGatewayPort = LintelProcess.freePort();
        anonymousGatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        config = Files.createDirectories(work.resolve("config"));
        write("00-gatewayclass.yaml", Manifests.gatewayClass());
        write("10-gateways.yaml", gateway("mtls", mtlsGatewayPort, "gateway-client") + "---\n"
                + gateway("anonymous", anonymousGatewayPort, null));
        write("15-trust.yaml", Manifests.caConfigMap("backend-ca", backendCa.certificate()) + "---\n"
                + Manifests.tlsSecret("gateway-client", clientCa.issue(List.of("gateway.test"), List.of())));
        write("20-services.yaml", String.join("---\n",
                Manifests.serviceWithEndpoint("trusted", trusted.port()),
                Manifests.serviceWithEndpoint("spiffe", spiffe.port()),
                Manifests.serviceWithEndpoint("mutual", mutual.port()),
                Manifests.serviceWithEndpoint("untrusted", untrusted.port()),
                Manifests.serviceWithEndpoint("plain", plain.port()),
                Manifests.serviceWithEndpoint("old", tls12Only.port())));
        write("30-routes.yaml", String.join("---\n",
                route("trusted"), route("spiffe"), route("mutual"), route("untrusted"), route("plain"), route("old")));
        write("40-policy-trusted.yaml",
                Manifests.backendTlsPolicy("v1", "trusted", "ca.backend.test", "backend-ca", ""));
        write("41-policy-spiffe.yaml", Manifests.backendTlsPolicy("v1", "spiffe", "san.backend.test", "backend-ca",
                "subjectAltNames: [{type: Hostname, hostname: other.backend.test}]"));
        write("42-policy-mutual.yaml",
                Manifests.backendTlsPolicy("v1alpha3", "mutual", "mtls.backend.test", "backend-ca", ""));
        write("43-policy-untrusted.yaml",
                Manifests.backendTlsPolicy("v1", "untrusted", "broken.backend.test", "missing-ca", ""));
        write("44-policy-old.yaml", oldBackendPolicy("lintel.io/min-tls-version: \"1.3\""));

        lintel = LintelProcess.start(LOGS.resolve("BackendTlsIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        lintel.awaitOrExplain(WAIT, () -> assertThat(ItHttp.get(mtlsGatewayPort, "/plain").statusCode()).isEqualTo(200));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (lintel != null) {
            lintel.close();
        }
        for (AutoCloseable backend : BACKENDS) {
            backend.close();
        }
    }

    @Test
    void aPolicyWithACaConfigMapAndHostnameReachesTheBackendOverTlsWithThatSni() {
        lintel.awaitOrExplain(WAIT, () -> {
            HttpResponse<String> response = ItHttp.get(anonymousGatewayPort, "/trusted");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("sni=ca.backend.test;client=none");
        });
    }

    @Test
    void subjectAltNamesReplaceTheHostnameCheckAndMatchSpiffeIds() throws Exception {
        lintel.awaitOrExplain(WAIT, () -> assertThat(ItHttp.get(anonymousGatewayPort, "/spiffe").statusCode())
                .as("the certificate has san.backend.test but not the listed other.backend.test").isEqualTo(502));

        write("41-policy-spiffe.yaml", Manifests.backendTlsPolicy("v1", "spiffe", "san.backend.test", "backend-ca",
                "subjectAltNames: [{type: Hostname, hostname: other.backend.test}, {type: URI, uri: '"
                        + SPIFFE_ID + "'}]"));

        lintel.awaitOrExplain(WAIT, () -> {
            HttpResponse<String> response = ItHttp.get(anonymousGatewayPort, "/spiffe");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("sni=san.backend.test;client=none");
        });
    }

    @Test
    void aBackendRequiringAClientCertificateGetsTheGatewaysOneAndRefusesAGatewayWithout() throws Exception {
        lintel.awaitOrExplain(WAIT, () -> {
            HttpResponse<String> response = ItHttp.get(mtlsGatewayPort, "/mutual");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("sni=mtls.backend.test;client=CN=leaf-");
        });
        assertThat(ItHttp.get(anonymousGatewayPort, "/mutual").statusCode())
                .as("Gateway anonymous has no spec.tls.backend.clientCertificateRef").isEqualTo(502);
    }

    @Test
    void policyStatusShowsResolvedAndUnresolvedCaReferencesAndOnlyTheBrokenBackendFails() {
        lintel.awaitOrExplain(WAIT, () -> {
            JsonNode status = JSON.readTree(ItHttp.get(adminPort, "/status").body());
            JsonNode trusted = policyAncestor(status, "trusted", "mtls");
            assertThat(condition(trusted, "Accepted").path("status").asText()).isEqualTo("True");
            assertThat(condition(trusted, "ResolvedRefs").path("status").asText()).isEqualTo("True");
            JsonNode untrusted = policyAncestor(status, "untrusted", "mtls");
            JsonNode resolvedRefs = condition(untrusted, "ResolvedRefs");
            assertThat(resolvedRefs.path("status").asText()).isEqualTo("False");
            assertThat(resolvedRefs.path("reason").asText()).isEqualTo("InvalidCACertificateRef");
            assertThat(resolvedRefs.path("message").asText()).contains("missing-ca");
        });
        lintel.awaitOrExplain(WAIT, () -> {
            assertThat(ItHttp.get(mtlsGatewayPort, "/untrusted").statusCode()).isEqualTo(502);
            assertThat(ItHttp.get(mtlsGatewayPort, "/plain").statusCode()).isEqualTo(200);
            assertThat(ItHttp.get(mtlsGatewayPort, "/trusted").statusCode()).isEqualTo(200);
        });
    }

    /**
     * The policy's {@code options} take the listener's keys: a 1.3 minimum fails the handshake with a TLS 1.2 backend,
     * a misspelt key is reported on the policy's status (and its backend still fails), a 1.2 minimum reaches it.
     */
    @Test
    void policyOptionsBoundTheBackendHandshakeAndAnUnknownKeyIsReported() throws Exception {
        lintel.awaitOrExplain(WAIT, () -> assertThat(ItHttp.get(anonymousGatewayPort, "/old").statusCode())
                .as("TLS 1.3 asked of a TLS 1.2 backend").isEqualTo(502));

        write("44-policy-old.yaml", oldBackendPolicy("lintel.io/min-tls-verison: \"1.2\""));
        lintel.awaitOrExplain(WAIT, () -> {
            JsonNode accepted = condition(policyAncestor(JSON.readTree(ItHttp.get(adminPort, "/status").body()),
                    "old", "anonymous"), "Accepted");
            assertThat(accepted.path("status").asText()).isEqualTo("False");
            assertThat(accepted.path("reason").asText()).isEqualTo("Invalid");
            assertThat(accepted.path("message").asText()).startsWith("spec.options[lintel.io/min-tls-verison]: "
                    + "unknown option");
        });
        assertThat(ItHttp.get(anonymousGatewayPort, "/old").statusCode()).isEqualTo(502);

        write("44-policy-old.yaml", oldBackendPolicy("lintel.io/min-tls-version: \"1.2\""));
        lintel.awaitOrExplain(WAIT, () -> {
            HttpResponse<String> response = ItHttp.get(anonymousGatewayPort, "/old");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-tls-protocol")).contains("TLSv1.2");
        });
    }

    /** The policy of Service {@code old} (a TLS 1.2-only backend) with one line of {@code options}. */
    private static String oldBackendPolicy(String option) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata:
                  name: old
                  namespace: default
                spec:
                  targetRefs:
                    - {group: '', kind: Service, name: old}
                  validation:
                    hostname: old.backend.test
                    caCertificateRefs:
                      - {group: '', kind: ConfigMap, name: backend-ca}
                  options:
                    %s
                """.formatted(option);
    }

    /** The ancestor entry for Gateway {@code gateway} of BackendTLSPolicy {@code name}'s status. */
    private static JsonNode policyAncestor(JsonNode status, String name, String gateway) {
        JsonNode policy = StreamSupport.stream(status.path("items").spliterator(), false)
                .filter(item -> item.path("kind").asText().equals("BackendTLSPolicy"))
                .filter(item -> item.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no BackendTLSPolicy " + name + " in " + status));
        return StreamSupport.stream(policy.at("/status/ancestors").spliterator(), false)
                .filter(ancestor -> ancestor.at("/ancestorRef/name").asText().equals(gateway))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ancestor Gateway " + gateway + " in " + policy));
    }

    private static JsonNode condition(JsonNode ancestor, String type) {
        Optional<JsonNode> found = StreamSupport.stream(ancestor.path("conditions").spliterator(), false)
                .filter(condition -> condition.path("type").asText().equals(type))
                .findFirst();
        return found.orElseThrow(() -> new AssertionError("no condition " + type + " in " + ancestor));
    }

    private static TlsEchoBackend backend(TestCertificateAuthority.Issued serving, X509Certificate clientCa)
            throws Exception {
        TlsEchoBackend backend = new TlsEchoBackend(serving, clientCa);
        BACKENDS.add(backend);
        return backend;
    }

    /** Writes a config file whole: the gateway never reads half of it. */
    private static void write(String name, String content) throws IOException {
        ConfigFiles.write(work, config, name, content);
    }

    /** A Gateway with one HTTP listener; with a backend client certificate when {@code clientSecret} is not null. */
    private static String gateway(String name, int port, String clientSecret) {
        String tls = clientSecret == null ? "" : """
                  tls:
                    backend:
                      clientCertificateRef:
                        name: %s
                """.formatted(clientSecret);
        return Manifests.gateway(name, port) + tls;
    }

    /** An HTTPRoute of both Gateways sending {@code /<service>} to port 80 of that Service. */
    private static String route(String service) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %1$s
                  namespace: default
                spec:
                  parentRefs: [{name: mtls}, {name: anonymous}]
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /%1$s}
                      backendRefs:
                        - {name: %1$s, port: 80}
                """.formatted(service);
    }

}
