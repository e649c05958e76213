package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenTelemetry tracing against an OTLP/HTTP receiver on loopback: the caller's {@code traceparent} is continued (its
 * span is the exchange span's parent, the backend sees the attempt's span as its parent), and a request without one
 * starts a trace of its own.
 */
@ExtendWith(NettyLeakDetection.class)
class TracingTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> exports = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private ExchangeObserver observer;
    private NettyDataPlane dataPlane;
    private TestBackend backend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if (exchange.getRequestMethod().equals("POST")
                        && exchange.getRequestHeaders().getFirst("Content-Type").equals("application/json")) {
                    exports.add(json.readTree(body));
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> settings = Map.of(
                ExchangeObserver.ENDPOINT_PROPERTY, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces",
                ExchangeObserver.EXPORT_INTERVAL_PROPERTY, "20",
                ExchangeObserver.SERVICE_NAME_PROPERTY, "edge");
        settings.forEach(System::setProperty);
        try {
            observer = ExchangeObserver.fromSettings();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
        ExchangeObserver.install(observer);
        backend = new TestBackend("A");
        port = RawHttp.freePort();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), PluginRegistry.EMPTY, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS);
        IrRule rule = new IrRule("httproute/infra/web/rule/0", Optional.of("web"), List.of(),
                List.of(backend("infra/web:80", 1, backend.port())), 0);
        IrListener listener = new IrListener("l", "*", List.of(io.lintel.core.route.IrFixtures.vhost("*",
                prefix("/", rule))), Optional.empty());
        assertThat(dataPlane.apply(new Ir(List.of(new IrSocket("127.0.0.1", port, IrProtocol.HTTP,
                List.of(listener)))))).isEmpty();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
        ExchangeObserver.install(null);
        observer.close();
        receiver.stop(0);
    }

    private void get(String path, String traceparent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (traceparent != null) {
            request.header("traceparent", traceparent).header("tracestate", "vendor=opaque");
        }
        assertThat(client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private List<JsonNode> spans() {
        List<JsonNode> spans = new ArrayList<>();
        for (JsonNode export : exports) {
            for (JsonNode resource : export.get("resourceSpans")) {
                for (JsonNode scope : resource.get("scopeSpans")) {
                    scope.get("spans").forEach(spans::add);
                }
            }
        }
        return spans;
    }

    private static String attribute(JsonNode span, String key) {
        for (JsonNode attribute : span.get("attributes")) {
            if (attribute.get("key").asText().equals(key)) {
                JsonNode value = attribute.get("value");
                return value.has("stringValue") ? value.get("stringValue").asText() : value.get("intValue").asText();
            }
        }
        return null;
    }

    @Test
    void continuesTheCallersTraceAndPassesItsOwnSpanToTheBackend() throws Exception {
        get("/shop?id=7", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

        await().atMost(Duration.ofSeconds(10)).until(() -> spans().size() == 2);
        JsonNode server = spans().stream().filter(s -> s.get("kind").asInt() == 2).findFirst().orElseThrow();
        JsonNode attempt = spans().stream().filter(s -> s.get("kind").asInt() == 3).findFirst().orElseThrow();
        assertThat(server.get("traceId").asText()).isEqualTo(CALLER_TRACE);
        assertThat(server.get("parentSpanId").asText()).isEqualTo(CALLER_SPAN);
        assertThat(server.get("traceState").asText()).isEqualTo("vendor=opaque");
        assertThat(server.get("name").asText()).isEqualTo("GET httproute/infra/web/rule/0");
        assertThat(attribute(server, "http.response.status_code")).isEqualTo("200");
        assertThat(attribute(server, "url.path")).isEqualTo("/shop");
        assertThat(attribute(server, "url.query")).isEqualTo("id=7");
        assertThat(attribute(server, "gateway.rule_name")).isEqualTo("web");
        assertThat(attempt.get("traceId").asText()).isEqualTo(CALLER_TRACE);
        assertThat(attempt.get("parentSpanId").asText()).isEqualTo(server.get("spanId").asText());
        assertThat(attribute(attempt, "server.port")).isEqualTo(Integer.toString(backend.port()));
        assertThat(attribute(attempt, "gateway.backend")).isEqualTo("infra/web:80");
        assertThat(Long.parseLong(attempt.get("startTimeUnixNano").asText()))
                .isGreaterThanOrEqualTo(Long.parseLong(server.get("startTimeUnixNano").asText()))
                .isLessThanOrEqualTo(Long.parseLong(attempt.get("endTimeUnixNano").asText()));
        // the backend's parent is the attempt's span; the caller's tracestate goes on unchanged
        assertThat(backend.lastHeaders().get("traceparent"))
                .containsExactly("00-" + CALLER_TRACE + "-" + attempt.get("spanId").asText() + "-01");
        assertThat(backend.lastHeaders().get("tracestate")).containsExactly("vendor=opaque");
        assertThat(exports.get(0).at("/resourceSpans/0/resource/attributes/0/value/stringValue").asText())
                .isEqualTo("edge");
    }

    @Test
    void startsATraceWhenTheRequestCarriesNone() throws Exception {
        get("/", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> spans().size() == 2);
        JsonNode server = spans().stream().filter(s -> s.get("kind").asInt() == 2).findFirst().orElseThrow();
        JsonNode attempt = spans().stream().filter(s -> s.get("kind").asInt() == 3).findFirst().orElseThrow();
        String traceId = server.get("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(CALLER_TRACE);
        assertThat(server.has("parentSpanId")).isFalse();
        assertThat(attempt.get("traceId").asText()).isEqualTo(traceId);
        assertThat(attempt.get("parentSpanId").asText()).isEqualTo(server.get("spanId").asText());
        assertThat(backend.lastHeaders().get("traceparent"))
                .containsExactly("00-" + traceId + "-" + attempt.get("spanId").asText() + "-01");
    }

    @Test
    void anUnsampledCallerIsPropagatedButNotRecorded() throws Exception {
        get("/", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-00");
        get("/", null);

        // the second request's spans prove the first one's would have been exported by now
        await().atMost(Duration.ofSeconds(10)).until(() -> spans().size() == 2);
        assertThat(spans()).allSatisfy(span -> assertThat(span.get("traceId").asText()).isNotEqualTo(CALLER_TRACE));
    }
}
