package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.consul.fake.AclPolicy;
import io.lintel.consul.fake.AclPolicy.Access;
import io.lintel.consul.fake.CheckStatus;
import io.lintel.consul.fake.FakeConsul;
import io.lintel.consul.fake.ServiceInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The distribution run with the Consul config source ({@code --source consul --source-setting address=...}) against
 * the in-test fake Consul: resources from KV, endpoints from the health API, through outages and a restore. The
 * tests share one gateway and one fake Consul and run in order, each building on what the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsulIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final String PREFIX = "lintel/edge/";
    private static final String STATUS_PREFIX = "lintel/status/";

    private static FakeConsul consul;
    private static NamedBackend backendA;
    private static NamedBackend backendB;
    private static NamedBackend backendC;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void startGateway() throws IOException {
        backendA = new NamedBackend("backend-a");
        backendB = new NamedBackend("backend-b");
        backendC = new NamedBackend("backend-c");
        gatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        consul = FakeConsul.start().requireToken("it-token");
        consul.kvPut(PREFIX + "00-gatewayclass.yaml", Manifests.gatewayClass());
        consul.kvPut(PREFIX + "10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        consul.kvPut(PREFIX + "20-route.yaml", Manifests.route("web", "it", "web"));
        consul.kvPut(PREFIX + "30-service-web.yaml", service("web", "web", ""));
        consul.register(ServiceInstance.of("web-a", "web", "127.0.0.1", backendA.port()));

        lintel = LintelProcess.start(LOGS.resolve("ConsulIT.log"),
                "run", "--source", "consul",
                "--source-setting", "address=" + consul.address(),
                "--source-setting", "prefix=" + PREFIX,
                "--source-setting", "token=it-token",
                "--source-setting", "statusPrefix=" + STATUS_PREFIX,
                // bounds how long a restored Consul (lower index) can go unnoticed
                "--source-setting", "wait=5s",
                "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopGateway() {
        for (AutoCloseable closeable : new AutoCloseable[] {lintel, consul, backendA, backendB, backendC}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    @Test
    @Order(1)
    void configWrittenToKvIsServedWithEndpointsFromTheCatalog() throws Exception {
        assertThat(admin("/ready").body()).startsWith("ready\n").contains("source consul: consul " + consul.address());

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(throughGateway("/hello").body()).isEqualTo("backend-a\n"));
    }

    @Test
    @Order(2)
    void anInstanceMarkedCriticalLeavesThePool() {
        consul.register(ServiceInstance.of("web-b", "web", "127.0.0.1", backendB.port()));
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(20)).containsExactlyInAnyOrder("backend-a", "backend-b"));

        consul.setStatus("web-a", CheckStatus.CRITICAL);

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(20)).containsExactly("backend-b"));
    }

    @Test
    @Order(3)
    void aRouteEditedInKvFollowsAServiceSelectedByConsulNameAndTag() {
        consul.register(ServiceInstance.of("api-c", "api-svc", "127.0.0.1", backendC.port(), "v2"));
        consul.register(ServiceInstance.of("api-a", "api-svc", "127.0.0.1", backendA.port(), "v1"));
        consul.kvPut(PREFIX + "31-service-api.yaml", service("api", "api-svc", "v2"));
        consul.kvPut(PREFIX + "20-route.yaml", Manifests.route("web", "it", "api"));

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(20)).containsExactly("backend-c"));
    }

    @Test
    @Order(4)
    void statusIsWrittenBackToTheStatusPrefix() {
        awaitOrExplain(Duration.ofSeconds(30), () -> {
            String route = consul.kvGet(STATUS_PREFIX + "gateway.networking.k8s.io/HTTPRoute/default/web").orElseThrow();
            JsonNode parents = JSON.readTree(route).at("/status/parents");
            assertThat(parents).hasSize(1);
            assertThat(parents.get(0).path("conditions").toString()).contains("\"type\":\"Accepted\",\"status\":\"True\"");
        });
    }

    @Test
    @Order(5)
    void whileConsulIsDownFor30SecondsTrafficKeepsFlowingThenItCatchesUp() throws Exception {
        consul.stop();

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(admin("/ready").body()).contains("stale: ").contains("cannot reach Consul"));
        try {
            await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(throughGateway("/during-outage").body()).isEqualTo("backend-c\n"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("traffic stopped while Consul was down\n" + lintel.logTail(), e);
        }
        consul.kvPut(PREFIX + "20-route.yaml", Manifests.route("web", "it", "web"));
        consul.restart();

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(10)).containsExactly("backend-b"));
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(admin("/ready").body()).doesNotContain("stale"));
    }

    @Test
    @Order(6)
    void aConsulRestoredWithALowerIndexIsFollowed() {
        consul.setStatus("web-a", CheckStatus.PASSING);
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(20)).containsExactlyInAnyOrder("backend-a", "backend-b"));

        consul.kvPut(PREFIX + "20-route.yaml", Manifests.route("web", "it", "api"));
        try {
            consul.restartWithLowerIndex(2);
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(10)).containsExactly("backend-c"));
        consul.deregister("api-c");
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(throughGateway("/no-endpoints").statusCode()).isEqualTo(503));
    }

    @Test
    @Order(7)
    void aTokenThatLosesReadOnThePrefixKeepsTheRoutesAndReadySaysWhyUntilItMayReadAgain() throws Exception {
        consul.kvPut(PREFIX + "20-route.yaml", Manifests.route("web", "it", "web"));
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(20)).containsExactlyInAnyOrder("backend-a", "backend-b"));

        // The token keeps what it needs for the catalog and the status writes, but loses read on the prefix: Consul
        // answers its recursive read 404 with X-Consul-Results-Filtered-By-ACLs, as if the prefix were empty.
        consul.aclToken("it-token", AclPolicy.denyAll().withKeyPrefix(STATUS_PREFIX, Access.WRITE)
                .withServicePrefix("", Access.READ).withNodePrefix("", Access.READ));

        awaitOrExplain(Duration.ofSeconds(30), () -> {
            HttpResponse<String> ready = admin("/ready");
            assertThat(ready.statusCode()).as("fail static: the instance stays in rotation").isEqualTo(200);
            assertThat(ready.body()).contains("stale: ").contains("X-Consul-Results-Filtered-By-ACLs: true")
                    .contains("prefix '" + PREFIX + "'");
        });
        assertThat(backendsAnswering(10)).as("the routes read before stay").isNotEmpty()
                .isSubsetOf("backend-a", "backend-b");

        consul.register(ServiceInstance.of("api-c", "api-svc", "127.0.0.1", backendC.port(), "v2"));
        consul.kvPut(PREFIX + "20-route.yaml", Manifests.route("web", "it", "api"));
        consul.aclToken("it-token", AclPolicy.management());

        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(backendsAnswering(10)).containsExactly("backend-c"));
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(admin("/ready").body()).doesNotContain("stale"));
    }

    /** A Service with port 80 whose endpoints come from Consul service {@code consulName}, optionally only {@code tag}ged instances. */
    private static String service(String name, String consulName, String tag) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: default
                  annotations:
                    consul.lintel.io/service: %s
                %s
                spec:
                  ports:
                    - name: http
                      port: 80
                      protocol: TCP
                """.formatted(name, consulName, tag.isEmpty() ? "" : "    consul.lintel.io/tag: " + tag);
    }

    /** Which backends answer {@code count} requests (each must answer 200). */
    private static Set<String> backendsAnswering(int count) throws IOException, InterruptedException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = throughGateway("/pool/" + i);
            assertThat(response.statusCode()).as("status of request %d: %s", i, response.body()).isEqualTo(200);
            names.add(response.body().strip());
        }
        return names;
    }

    private static HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return ItHttp.get(adminPort, path);
    }

    private static HttpResponse<String> throughGateway(String path) throws IOException, InterruptedException {
        return ItHttp.get(gatewayPort, path);
    }

    private static void awaitOrExplain(Duration timeout, ThrowingRunnable assertion) {
        lintel.awaitOrExplain(timeout, assertion);
    }
}
