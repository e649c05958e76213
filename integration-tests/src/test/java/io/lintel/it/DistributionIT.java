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

    /**
     * Issue #14: hostile files (nested 10 000 deep, 9 MiB, 10 001 documents, a FIFO, a symbolic link loop) are each
     * reported with the limit or the reason, the last good configuration keeps serving, {@code /ready} stays truthful
     * and a later change still applies.
     */
    @Test
    @Order(7)
    void hostileFilesAreRefusedAndTheSourceLivesOn() throws Exception {
        write("50-deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: {k: "
                + "[".repeat(10_000) + "]".repeat(10_000) + "}\n");
        write("51-huge.yaml", ("# " + "x".repeat(1021) + "\n").repeat(9 * 1024));
        write("52-many.yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\n".repeat(10_001));
        Process mkfifo = new ProcessBuilder("mkfifo", config.resolve("53-pipe.yaml").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.createSymbolicLink(config.resolve("54-loop.yaml"), config.resolve("55-loop.yaml"));
        Files.createSymbolicLink(config.resolve("55-loop.yaml"), config.resolve("54-loop.yaml"));

        awaitOrExplain(Duration.ofSeconds(30), () -> {
            String problems = JSON.readTree(admin("/status").body()).path("problems").toString();
            assertThat(problems).contains("50-deep.yaml").contains("maxNestingDepth")
                    .contains("51-huge.yaml").contains("is more than maxFileBytes (8 MiB)")
                    .contains("52-many.yaml").contains("maxDocuments")
                    .contains("53-pipe.yaml").contains("is not a regular file")
                    .contains("54-loop.yaml").contains("is a symbolic link loop");
        });
        assertThat(admin("/ready").body()).startsWith("ready\n").doesNotContain("stale");
        assertThat(throughGateway("/still-served").body()).isEqualTo("backend-b\n");

        write("20-route.yaml", Manifests.route("web", "it", "service-a"));
        awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(throughGateway("/after-hostile").body())
                .isEqualTo("backend-a\n"));
    }

    /**
     * Issue #14: a route whose expression needs backtracking is refused with the field path; an expression that is
     * catastrophic for a backtracking engine serves long paths in linear time (RE2/J).
     */
    @Test
    @Order(8)
    void regularExpressionsAreRe2() throws Exception {
        // the catch-all prefix would win over any expression: narrow it
        write("20-route.yaml", Manifests.route("web", "it", "service-a").replace("value: /", "value: /web"));
        write("60-redos.yaml", Manifests.route("redos", "it", "service-b")
                .replace("type: PathPrefix", "type: RegularExpression").replace("value: /", "value: '(a*)*\\1b$'"));
        write("61-nested.yaml", Manifests.route("nested", "it", "service-b")
                .replace("type: PathPrefix", "type: RegularExpression").replace("value: /", "value: '/(a+)+$'"));

        awaitOrExplain(Duration.ofSeconds(30), () -> {
            String problems = JSON.readTree(admin("/status").body()).path("problems").toString();
            assertThat(problems).contains("spec.rules[0].matches[0].path.value")
                    .contains("is not a supported regular expression (RE2 syntax");
            assertThat(throughGateway("/" + "a".repeat(3000)).body()).isEqualTo("backend-b\n");
        });
        // no route matches: answered at once (a backtracking engine would try 2^3000 ways)
        assertThat(throughGateway("/" + "a".repeat(3000) + "!").statusCode()).isEqualTo(404);
        assertThat(throughGateway("/web/x").body()).isEqualTo("backend-a\n");
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
