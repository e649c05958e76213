package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lintel.core.inject.LintelRuntime;
import io.lintel.core.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lintel's runtime (from the class path) reading from the mock API server: resources created through the client are
 * served on real sockets and their statuses appear on the resources.
 */
class KubernetesTrafficTest {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private MockApiServer mock;
    private Backend backendA;
    private Backend backendB;
    private int httpPort;
    private int httpsPort;

    @BeforeEach
    void setUp() throws Exception {
        mock = MockApiServer.start();
        backendA = new Backend("backend-a");
        backendB = new Backend("backend-b");
        httpPort = Clients.freePort();
        httpsPort = Clients.freePort();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        backendA.close();
        backendB.close();
        mock.close();
    }

    private LintelRuntime startLintel(String bindAddress, String identity) throws Exception {
        LintelRuntime runtime = LintelOnMock.start(mock, bindAddress, identity,
                KubernetesSourceSettings.LEASE_NAMESPACE, "lintel-system",
                KubernetesSourceSettings.LEASE_DURATION_MILLIS, "2000",
                KubernetesSourceSettings.RENEW_DEADLINE_MILLIS, "1500",
                KubernetesSourceSettings.RETRY_PERIOD_MILLIS, "200");
        closeables.add(runtime);
        return runtime;
    }

    private void applyBase(TestTls.Pem certificate) {
        mock.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: apps}
                spec:
                  gatewayClassName: lintel
                  listeners:
                  - {name: http, port: HTTP_PORT, protocol: HTTP}
                  - name: https
                    port: HTTPS_PORT
                    protocol: HTTPS
                    hostname: secure.example
                    tls: {mode: Terminate, certificateRefs: [{name: cert}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: apps}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{backendRefs: [{name: svc-a, port: 80}]}]
                """.replace("HTTPS_PORT", String.valueOf(httpsPort)).replace("HTTP_PORT", String.valueOf(httpPort))
                + service("svc-a", backendA.port()) + service("svc-b", backendB.port()) + secret(certificate));
    }

    private static String service(String name, int port) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: NAME, namespace: apps}
                spec: {ports: [{name: http, port: 80, protocol: TCP}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: NAME-1, namespace: apps, labels: {kubernetes.io/service-name: NAME}}
                addressType: IPv4
                endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
                ports: [{name: http, port: PORT, protocol: TCP}]
                """.replace("NAME", name).replace("PORT", String.valueOf(port));
    }

    private static String secret(TestTls.Pem pem) {
        return """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: cert, namespace: apps}
                type: kubernetes.io/tls
                data: {tls.crt: CRT, tls.key: KEY}
                """.replace("CRT", base64(pem.certificatePem())).replace("KEY", base64(pem.keyPem()));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private GenericKubernetesResource get(String apiVersion, String kind, String name) {
        return mock.client().genericKubernetesResources(apiVersion, kind).inNamespace("apps").withName(name).get();
    }

    /** Edits as kubectl edit does: read, change, write back; a status write in between is a conflict to retry. */
    private void editRoute(String backend) {
        await().atMost(Duration.ofSeconds(10)).ignoreException(KubernetesClientException.class).until(() -> {
            mock.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace("apps")
                    .withName("web").edit(route -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> spec = (Map<String, Object>) route.getAdditionalProperties().get("spec");
                        spec.put("rules", List.of(Map.of("backendRefs", List.of(Map.of("name", backend, "port", 80)))));
                        return route;
                    });
            return true;
        });
    }

    @Test
    void servesTheResourcesAndWritesTheirStatus() throws Exception {
        applyBase(TestTls.selfSigned("secure.example"));
        startLintel("127.0.0.1", "replica-a");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Clients.get("127.0.0.1", httpPort, "any.example", "/")).isEqualTo("200 backend-a"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> gatewayClass = statusMap("GatewayClass", "lintel");
            assertThat(conditions(gatewayClass)).anySatisfy(c -> assertThat(c).containsEntry("type", "Accepted").containsEntry("status", "True"));
            assertThat((List<?>) gatewayClass.get("supportedFeatures")).isNotEmpty()
                    .allSatisfy(feature -> assertThat(((Map<?, ?>) feature).get("name")).isNotNull());
            assertThat(conditions(statusMap("Gateway", "gw"))).anySatisfy(c -> assertThat(c).containsEntry("type", "Programmed")
                    .containsEntry("status", "True").containsEntry("observedGeneration", 1));
            Map<?, ?> parent = (Map<?, ?>) ((List<?>) statusMap("HTTPRoute", "web").get("parents")).get(0);
            assertThat(parent.get("controllerName")).isEqualTo("lintel.io/gateway-controller");
            assertThat(conditions(parent)).anySatisfy(c -> assertThat(c).containsEntry("type", "Accepted")
                    .containsEntry("status", "True").containsEntry("observedGeneration", 1));
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> statusMap(String kind, String name) {
        Object status = get("gateway.networking.k8s.io/v1", kind, name).getAdditionalProperties().get("status");
        assertThat(status).as("status of %s %s", kind, name).isInstanceOf(Map.class);
        return (Map<String, Object>) status;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(Map<?, ?> holder) {
        return (List<Map<String, Object>>) holder.get("conditions");
    }

    @Test
    void trafficFollowsAnEditedRouteWithinASecond() throws Exception {
        applyBase(TestTls.selfSigned("secure.example"));
        startLintel("127.0.0.1", "replica-a");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Clients.get("127.0.0.1", httpPort, "any.example", "/")).isEqualTo("200 backend-a"));

        editRoute("svc-b");

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(Clients.get("127.0.0.1", httpPort, "any.example", "/")).isEqualTo("200 backend-b"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(conditions((Map<?, ?>) ((List<?>) statusMap("HTTPRoute", "web").get("parents")).get(0)))
                        .allSatisfy(c -> assertThat(c).containsEntry("observedGeneration", 2)));
    }

    @Test
    void aRotatedSecretServesTheNewCertificate() throws Exception {
        TestTls.Pem first = TestTls.selfSigned("secure.example");
        applyBase(first);
        startLintel("127.0.0.1", "replica-a");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(Clients.certificate("127.0.0.1", httpsPort, "secure.example")).isEqualTo(first.certificate()));

        TestTls.Pem second = TestTls.selfSigned("secure.example");
        mock.client().resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(secret(second).replaceFirst("---\n", ""),
                io.fabric8.kubernetes.api.model.Secret.class)).update();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(Clients.certificate("127.0.0.1", httpsPort, "secure.example")).isEqualTo(second.certificate()));
    }

    @Test
    void theNextLeaderWritesStatusAndNoReplicaStopsServing() throws Exception {
        applyBase(TestTls.selfSigned("secure.example"));
        LintelRuntime first = startLintel("127.0.0.1", "replica-a");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(conditions((Map<?, ?>) ((List<?>) statusMap("HTTPRoute", "web").get("parents")).get(0)))
                        .allSatisfy(c -> assertThat(c).containsEntry("observedGeneration", 1)));
        startLintel("127.0.0.2", "replica-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Clients.get("127.0.0.1", httpPort, "any.example", "/")).isEqualTo("200 backend-a");
            assertThat(Clients.get("127.0.0.2", httpPort, "any.example", "/")).isEqualTo("200 backend-a");
        });
        assertThat(mock.client().leases().inNamespace("lintel-system").withName("lintel-leader").get()
                .getSpec().getHolderIdentity()).isEqualTo("replica-a");

        first.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> "replica-b".equals(mock.client().leases().inNamespace("lintel-system")
                .withName("lintel-leader").get().getSpec().getHolderIdentity()));
        editRoute("svc-b");

        // The follower turned leader serves the change and writes the status for the new generation.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Clients.get("127.0.0.2", httpPort, "any.example", "/")).isEqualTo("200 backend-b"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(conditions((Map<?, ?>) ((List<?>) statusMap("HTTPRoute", "web").get("parents")).get(0)))
                        .allSatisfy(c -> assertThat(c).containsEntry("observedGeneration", 2)));
    }
}
