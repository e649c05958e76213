package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ResourceKey;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin server at scale, on real loopback sockets: heavy documents render off the event loop and stream, so
 * {@code /ready} never waits behind them; filters; pipelining; a full render executor.
 */
@ExtendWith(NettyLeakDetection.class)
class AdminServerStreamingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RULES = 20_000;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final FakeAdminState state = new FakeAdminState();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final CountDownLatch release = new CountDownLatch(1);
    private AdminServer server;

    @BeforeEach
    void start() {
        state.ready = true;
        server = new AdminServer(new InetSocketAddress("127.0.0.1", 0), state, metrics);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    @Test
    void readyAnswersWhileAScrapeOfTwentyThousandRulesIsInProgress() throws Exception {
        for (int i = 0; i < RULES; i++) {
            metrics.forRule("httproute/default/route-" + i + "/rule/0").requestCompleted(200, 1_000_000);
        }
        CountDownLatch scraping = new CountDownLatch(1);
        metrics.registry().register(blockingCollector(scraping));

        CompletableFuture<HttpResponse<String>> scrape = sendAsync("/metrics");
        assertThat(scraping.await(30, TimeUnit.SECONDS)).as("the scrape started").isTrue();
        HttpResponse<String> ready = get("/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).startsWith("ready\n");
        assertThat(scrape).as("the scrape is still held by the test collector").isNotDone();

        release.countDown();
        HttpResponse<String> metricsResponse = scrape.get(30, TimeUnit.SECONDS);
        assertThat(metricsResponse.statusCode()).isEqualTo(200);
        assertThat(metricsResponse.body())
                .contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/route-0/rule/0\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/route-19999/rule/0\",rule_name=\"\"} 1")
                .contains("lintel_request_duration_seconds_count{rule=\"other\",rule_name=\"\"} " + RULES)
                .contains("test_blocking 1");
        assertThat(metricsResponse.headers().firstValue("transfer-encoding")).as("larger than a chunk: streamed")
                .hasValue("chunked");
    }

    @Test
    void readyAnswersWhileStatusIsBeingRendered() throws Exception {
        CountDownLatch rendering = new CountDownLatch(1);
        state.statuses = statuses(10);
        state.onStatuses = () -> {
            rendering.countDown();
            awaitRelease();
        };

        CompletableFuture<HttpResponse<String>> status = sendAsync("/status");
        assertThat(rendering.await(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> ready = get("/ready");
        HttpResponse<String> config = get("/config");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(config.statusCode()).as("the second render thread serves /config").isEqualTo(200);
        assertThat(status).isNotDone();
        release.countDown();
        assertThat(JSON.readTree(status.get(30, TimeUnit.SECONDS).body()).path("items")).hasSize(10);
    }

    @Test
    void streamsALargeStatusToAClientThatReadsLate() throws Exception {
        state.statuses = statuses(RULES);

        HttpResponse<InputStream> status = client.send(request("/status"), HttpResponse.BodyHandlers.ofInputStream());
        // The body is not read yet: the renderer waits for the client instead of buffering megabytes.
        HttpResponse<String> ready = get("/ready");
        byte[] body;
        try (InputStream in = status.body()) {
            body = in.readAllBytes();
        }

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("transfer-encoding")).hasValue("chunked");
        assertThat(body).isEqualTo(new AdminJson().status(state.statuses, state.problems));
        JsonNode items = JSON.readTree(body).path("items");
        assertThat(items).hasSize(RULES);
        assertThat(items.get(RULES - 1).at("/metadata/name").asText()).isEqualTo("route-" + (RULES - 1));
    }

    @Test
    void aSmallDocumentCarriesItsLength() throws Exception {
        state.statuses = statuses(RULES);

        HttpResponse<String> one = get("/status?kind=HTTPRoute&namespace=default&name=route-7");

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("content-length")).isPresent();
        assertThat(one.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode items = JSON.readTree(one.body()).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.at("/0/metadata/name").asText()).isEqualTo("route-7");
    }

    @Test
    void anUnknownFilterIsABadRequest() throws Exception {
        HttpResponse<String> response = get("/config?namespce=default");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("namespce").contains("kind, namespace, name");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        for (int i = 0; i < RULES; i++) {
            metrics.forRule("httproute/default/route-" + i + "/rule/0").requestCompleted(200, 1_000_000);
        }
        CountDownLatch scraping = new CountDownLatch(1);
        metrics.registry().register(blockingCollector(scraping));

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: admin\r\n\r\n"
                    + "GET /ready HTTP/1.1\r\nHost: admin\r\n\r\n"
                    + "GET /status?name=nothing HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(scraping.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            int metricsAt = answers.indexOf("route-19999");
            int readyAt = answers.indexOf("\r\n\r\nready\n");
            int statusAt = answers.indexOf("\"items\"");
            assertThat(metricsAt).isPositive();
            assertThat(readyAt).isGreaterThan(metricsAt);
            assertThat(statusAt).isGreaterThan(readyAt);
        }
    }

    @Test
    void answers503WhenTooManyDocumentsAreBeingRendered() throws Exception {
        Semaphore entered = new Semaphore(0);
        state.onStatuses = () -> {
            entered.release();
            awaitRelease();
        };
        // Two render threads and a queue of eight: the eleventh concurrent render is refused.
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            responses.add(sendAsync("/status"));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(responses)
                .filteredOn(CompletableFuture::isDone)
                .singleElement()
                .satisfies(done -> assertThat(done.get().statusCode()).isEqualTo(503)));
        assertThat(entered.tryAcquire(2, 30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
        }
        assertThat(responses).filteredOn(r -> r.join().statusCode() == 200).hasSize(10);
        HttpResponse<String> retry = get("/status");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void aDocumentThatCannotBeRenderedIs500AndTheConnectionIsClosed() throws Exception {
        state.onStatuses = () -> {
            throw new IllegalStateException("broken state");
        };

        HttpResponse<String> response = get("/status");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("GET /status failed").contains("broken state");
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatLeavesDuringAScrapeDoesNotHoldTheServer() throws Exception {
        state.statuses = statuses(RULES);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /status HTTP/1.1\r\nHost: admin\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().read(); // the answer has started
        }

        // Both render threads stay usable: two documents at once still render.
        CompletableFuture<HttpResponse<String>> first = sendAsync("/status?name=route-1");
        CompletableFuture<HttpResponse<String>> second = sendAsync("/config");
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private Collector blockingCollector(CountDownLatch scraping) {
        return () -> {
            scraping.countDown();
            awaitRelease();
            return GaugeSnapshot.builder().name("test_blocking")
                    .dataPoint(GaugeDataPointSnapshot.builder().value(1).build()).build();
        };
    }

    private void awaitRelease() {
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the render");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<ResourceStatus> statuses(int count) {
        List<ResourceStatus> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(new ResourceStatus(
                    new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "route-" + i),
                    "gateway.networking.k8s.io/v1", 1,
                    Map.of("parents", List.of(Map.of(
                            "parentRef", Map.of("name", "gw"),
                            "controllerName", "lintel.io/gateway-controller",
                            "conditions", List.of(Map.of("type", "Accepted", "status", "True", "reason", "Accepted")))))));
        }
        return statuses;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
        return client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}
