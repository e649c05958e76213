package io.lintel.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OTLP exporter: batches, the JSON a collector reads, and spans lost (counted) when it cannot send them. */
class OtlpExporterTest {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer collector;
    private OtlpExporter exporter;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (exporter != null) {
            exporter.close();
            assertThat(exporter.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    private URI collector(boolean stall) throws Exception {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new ObjectMapper().readTree(body));
            }
            if (stall) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        return URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    }

    private static SpanRecord span(long id) {
        return new SpanRecord(1, 2, id, 0, null, "GET \"quoted\"", SpanRecord.SERVER, 1_000, 2_000, id % 2 == 0,
                new Object[] {"http.response.status_code", 200L, "url.path", "/a\nb", "absent", null});
    }

    @Test
    void sendsBatchesOfAtMostMaxBatchSpansAsOtlpJson() throws Exception {
        exporter = new OtlpExporter(collector(false), "edge", "1.2.3", 100, 2, Duration.ofMillis(20),
                Duration.ofSeconds(10));
        for (long id = 1; id <= 5; id++) {
            exporter.offer(span(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.exported() == 5);
        assertThat(received).allSatisfy(batch -> assertThat(batch.at("/resourceSpans/0/scopeSpans/0/spans").size())
                .isBetween(1, 2));
        JsonNode first = received.get(0).at("/resourceSpans/0/scopeSpans/0/spans/0");
        assertThat(first.get("traceId").asText()).isEqualTo("00000000000000010000000000000002");
        assertThat(first.get("spanId").asText()).isEqualTo("0000000000000001");
        assertThat(first.has("parentSpanId")).isFalse();
        assertThat(first.get("name").asText()).isEqualTo("GET \"quoted\"");
        assertThat(first.get("startTimeUnixNano").asText()).isEqualTo("1000");
        assertThat(first.get("status").get("code").asInt()).isZero();
        assertThat(first.get("attributes")).hasSize(2);
        assertThat(first.at("/attributes/0/value/intValue").asText()).isEqualTo("200");
        assertThat(first.at("/attributes/1/value/stringValue").asText()).isEqualTo("/a\nb");
        assertThat(received.get(0).at("/resourceSpans/0/scopeSpans/0/scope/version").asText()).isEqualTo("1.2.3");
    }

    @Test
    void aCollectorThatIsDownLosesItsBatchesAndTheyAreCounted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        exporter = new OtlpExporter(URI.create("http://127.0.0.1:" + closedPort + "/v1/traces"), "edge", "1", 100, 10,
                Duration.ofMillis(10), Duration.ofSeconds(5));
        exporter.offer(span(1));
        exporter.offer(span(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.droppedExportFailed() == 2);
        assertThat(exporter.exported()).isZero();
    }

    @Test
    void aStalledCollectorFillsTheQueueAndLaterSpansAreDroppedNotWaitedFor() throws Exception {
        exporter = new OtlpExporter(collector(true), "edge", "1", 3, 1, Duration.ofMillis(1), Duration.ofSeconds(30));
        exporter.offer(span(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

        for (long id = 2; id <= 10; id++) {
            exporter.offer(span(id));
        }

        assertThat(exporter.droppedQueueFull()).isEqualTo(6);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.exported() == 4);
    }
}
