package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacked distribution started as a user would ({@code bin/lintel run --config DIR --admin HOST:PORT}),
 * serving a config directory written here to real backends, and changed while it runs. The tests share one
 * gateway process and run in order: each one builds on the configuration the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    static Path work;

    private static Path config;
    private static NamedBackend backendA;
    private static NamedBackend backendB;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void startGateway() throws IOException {
        backendA = new NamedBackend("backend-a");
        backendB = new NamedBackend("backend-b");
        gatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        config = Files.createDirectories(work.resolve("config"));
        write("00-gatewayclass.yaml", Manifests.gatewayClass());
        write("10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        write("20-route.yaml", Manifests.route("web", "it", "service-a"));
        write("30-service-a.yaml", Manifests.serviceWithEndpoint("service-a", backendA.port()));
        write("31-service-b.yaml", Manifests.serviceWithEndpoint("service-b", backendB.port()));

        lintel = LintelProcess.start(LOGS.resolve("DistributionIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopGateway() {
        if (lintel != null) {
            lintel.close();
        }
        if (backendA != null) {
            backendA.close();
        }
        if (backendB != null) {
            backendB.close();
        }
    }

    @Test
    @Order(1)
    void readyNamesWhatItWaitedFor() throws Exception {
        HttpResponse<String> ready = admin("/ready");

        assertThat(ready.body()).startsWith("ready\n");
    }

    @Test
    @Order(2)
    void proxiesRequestsToTheBackend() {
        awaitOrExplain(Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = throughGateway("/hello?x=1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("backend-a\n");
        });
    }

    @Test
    @Order(3)
    void statusShowsTheGatewayProgrammedAndTheRouteAccepted() {
        awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode status = JSON.readTree(admin("/status").body());

            JsonNode gateway = item(status, "Gateway", "it").orElseThrow(() -> new AssertionError("no Gateway it in " + status));
            assertThat(condition(gateway.at("/status/conditions"), "Accepted")).isEqualTo("True");
            assertThat(condition(gateway.at("/status/conditions"), "Programmed")).isEqualTo("True");

            JsonNode route = item(status, "HTTPRoute", "web").orElseThrow(() -> new AssertionError("no HTTPRoute web in " + status));
            JsonNode parents = route.at("/status/parents");
            assertThat(parents).hasSize(1);
            assertThat(parents.get(0).path("controllerName").asText()).isEqualTo(Manifests.CONTROLLER_NAME);
            assertThat(condition(parents.get(0).path("conditions"), "Accepted")).isEqualTo("True");
        });
    }

    @Test
    @Order(4)
    void trafficFollowsAnEditedRoute() throws Exception {
        write("20-route.yaml", Manifests.route("web", "it", "service-b"));

        awaitOrExplain(Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = throughGateway("/after-edit");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("backend-b\n");
        });
    }

    @Test
    @Order(5)
    void aBrokenFileIsReportedWhileTheLastGoodConfigurationKeepsServing() throws Exception {
        write("40-broken.yaml", "apiVersion: v1\nkind: [this is not\n  valid: yaml\n");

        awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode problems = JSON.readTree(admin("/status").body()).path("problems");
            assertThat(StreamSupport.stream(problems.spliterator(), false)
                            .map(problem -> problem.path("location").asText()))
                    .anySatisfy(location -> assertThat(location).contains("40-broken.yaml"));
        });
        HttpResponse<String> response = throughGateway("/still-served");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("backend-b\n");
    }

    @Test
    @Order(6)
    void metricsCountTheProxiedRequests() throws Exception {
        HttpResponse<String> metrics = admin("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("lintel_requests_total{").contains("code=\"200\"");
    }

    private static Optional<JsonNode> item(JsonNode status, String kind, String name) {
        return StreamSupport.stream(status.path("items").spliterator(), false)
                .filter(item -> item.path("kind").asText().equals(kind))
                .filter(item -> item.at("/metadata/name").asText().equals(name))
                .findFirst();
    }

    /** The {@code status} of the condition of that type, or {@code "absent"}. */
    private static String condition(JsonNode conditions, String type) {
        return StreamSupport.stream(conditions.spliterator(), false)
                .filter(condition -> condition.path("type").asText().equals(type))
                .map(condition -> condition.path("status").asText())
                .findFirst()
                .orElse("absent");
    }

    /** Writes a config file whole: a reader never sees half of it. */
    private static void write(String name, String content) throws IOException {
        ConfigFiles.write(work, config, name, content);
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
