package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's active backend health end to end: a Service with two endpoints (127.0.0.1 and 127.0.0.2, the same
 * port) and a BackendHealthPolicy checking {@code /healthz} every second. When one endpoint's health path starts
 * failing (its other paths keep answering 200, so passive health sees nothing wrong), it stops receiving traffic
 * within interval × unhealthyThreshold + 1 s, and gets traffic again once its checks pass again.
 */
class ActiveHealthIT {

    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int UNHEALTHY_THRESHOLD = 2;

    @TempDir
    static Path work;

    private static HealthToggledBackend first;
    private static HealthToggledBackend second;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    /** Answers {@code /healthz} with 200 or 503 as told, and every other path with 200 and its name. */
    private static final class HealthToggledBackend implements AutoCloseable {
        final AtomicBoolean healthy = new AtomicBoolean(true);
        private final HttpServer server;

        HealthToggledBackend(String name, String host, int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                boolean check = exchange.getRequestURI().getPath().equals("/healthz");
                int status = check && !healthy.get() ? 503 : 200;
                byte[] body = (check ? (status == 200 ? "ok\n" : "failing\n") : name + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        first = new HealthToggledBackend("first", "127.0.0.1", 0);
        second = new HealthToggledBackend("second", "127.0.0.2", first.port());
        gatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        ConfigFiles.write(work, config, "20-service.yaml",
                Manifests.serviceWithEndpoints("shop", first.port(), "127.0.0.1", "127.0.0.2"));
        ConfigFiles.write(work, config, "30-route.yaml", Manifests.route("shop", "it", "shop"));
        ConfigFiles.write(work, config, "40-health.yaml", """
                apiVersion: lintel.io/v1alpha1
                kind: BackendHealthPolicy
                metadata:
                  name: shop-health
                  namespace: default
                spec:
                  targetRefs: [{group: "", kind: Service, name: shop}]
                  http: {path: /healthz, expectedStatuses: [200], interval: 1s, timeout: 500ms,
                         healthyThreshold: 2, unhealthyThreshold: 2}
                """);
        lintel = LintelProcess.start(LOGS.resolve("ActiveHealthIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (lintel != null) {
            lintel.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** The value of {@code lintel_backend_endpoints_unhealthy} for the Service's backend, as {@code /metrics} shows it. */
    private static double unhealthyEndpoints() throws Exception {
        String series = "lintel_backend_endpoints_unhealthy{backend=\"default/shop:http\"} ";
        return ItHttp.get(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).body().lines()
                .filter(line -> line.startsWith(series)).map(line -> line.substring(series.length()).trim())
                .findFirst().map(Double::parseDouble).orElse(-1.0);
    }

    @Test
    void anEndpointFailingItsHealthPathStopsGettingTrafficAndGetsItBackOnceItPasses() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> names(20).containsAll(List.of("first", "second")));

        second.healthy.set(false);
        // the verdict, not a run of requests that could all reach "first" by chance before it
        await().atMost(INTERVAL.multipliedBy(UNHEALTHY_THRESHOLD).plusSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> unhealthyEndpoints() == 1);
        assertThat(names(40)).as("no request reaches the unhealthy endpoint").containsOnly("first");

        second.healthy.set(true);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> unhealthyEndpoints() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(20).contains("second"));
    }

    @Test
    void thePolicyIsAcceptedForTheGatewayItsServiceIsUsedBy() throws Exception {
        // pretty-printed JSON: compared without its whitespace (no value matched here holds any)
        String status = ItHttp.get(URI.create("http://127.0.0.1:" + adminPort + "/status")).body().replaceAll("\\s", "");
        assertThat(status).contains("\"kind\":\"BackendHealthPolicy\"")
                .containsPattern("\"ancestorRef\":\\{\"group\":\"gateway.networking.k8s.io\",\"kind\":\"Gateway\","
                        + "\"namespace\":\"default\",\"name\":\"it\"},\"controllerName\":\"lintel.io/gateway-controller\","
                        + "\"conditions\":\\[\\{\"type\":\"Accepted\",\"status\":\"True\",\"reason\":\"Accepted\"");
        assertThat(ItHttp.get(URI.create("http://127.0.0.1:" + adminPort + "/config")).body().replaceAll("\\s", ""))
                .contains("\"servicePolicies\"").contains("\"kind\":\"BackendHealthPolicy\"")
                .contains("\"path\":\"/healthz\"");
        // the live verdicts: beside the policy's status in /status, and by endpoint in /config
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ItHttp.get(URI.create("http://127.0.0.1:" + adminPort + "/status")).body().replaceAll("\\s", ""))
                    .contains("\"endpoints\":[{\"backend\":\"default/shop:http\",\"endpoint\":\"127.0.0.1:"
                            + first.port() + "\",\"healthy\":true}");
            assertThat(ItHttp.get(URI.create("http://127.0.0.1:" + adminPort + "/config")).body().replaceAll("\\s", ""))
                    .contains("\"endpointHealth\":{\"127.0.0.1:" + first.port() + "\":true");
        });
    }

    /** The names of the backends that answered {@code count} requests through the gateway, in order. */
    private static List<String> names(int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(ItHttp.get(gatewayPort, "/").body().trim());
        }
        return names;
    }
}
