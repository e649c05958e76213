package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, as an operator turns it on in {@code conf/lintel.yaml}: the JSON access log (one object per request on
 * the {@code io.lintel.access} logger, each documented field checked) and OpenTelemetry tracing (spans received by an
 * OTLP/HTTP receiver on loopback, the backend seeing the attempt's span as its parent), and the metrics of both.
 */
class ObservabilityIT {

    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static HttpServer app;
    private static HttpServer otlp;
    private static ServerSocket hung;
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> EXPORTS = new CopyOnWriteArrayList<>();
    /** The traceparent each request reached the backend with, by the request's {@code id} query parameter. */
    private static final Map<String, String> BACKEND_TRACEPARENT = new ConcurrentHashMap<>();
    private static int gatewayPort;
    private static int adminPort;
    private static int closedPort;
    private static LintelProcess lintel;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (query.startsWith("id=") && traceparent != null) {
                BACKEND_TRACEPARENT.put(query.substring(3), traceparent);
            }
            byte[] body = "app\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        app.start();
        otlp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otlp.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                EXPORTS.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        otlp.start();
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    HELD.add(hung.accept());  // accepted, never answered
                }
            } catch (IOException e) {
                // closed by the test
            }
        }, "hung-backend");
        acceptor.setDaemon(true);
        acceptor.start();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();  // nothing listens there once closed: connections are refused
        }

        gatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        ConfigFiles.write(work, config, "20-services.yaml", Manifests.serviceWithEndpoint("app", app.getAddress().getPort())
                + "---\n" + Manifests.serviceWithEndpoint("hung", hung.getLocalPort())
                + "---\n" + Manifests.serviceWithEndpoint("gone", closedPort));
        ConfigFiles.write(work, config, "30-routes.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: shop
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - name: hung
                      matches:
                        - path: {type: PathPrefix, value: /hung}
                      backendRefs:
                        - {name: hung, port: 80}
                    - name: gone
                      matches:
                        - path: {type: PathPrefix, value: /gone}
                      backendRefs:
                        - {name: gone, port: 80}
                    - name: cart
                      matches:
                        - path: {type: PathPrefix, value: /cart}
                        - path: {type: PathPrefix, value: /traced}
                        - path: {type: PathPrefix, value: /warm-up}
                      backendRefs:
                        - {name: app, port: 80}
                """);
        Path settings = work.resolve("lintel.yaml");
        Files.writeString(settings, """
                accessLog:
                  format: json
                tracing:
                  otlpEndpoint: http://127.0.0.1:%d/v1/traces
                  serviceName: edge-gateway
                  exportIntervalMillis: 100
                route:
                  defaultTimeoutSeconds: 1
                """.formatted(otlp.getAddress().getPort()));
        log = LOGS.resolve("ObservabilityIT.log");
        lintel = LintelProcess.start(LintelProcess.home(), Map.of(), log, "run", "--config", config.toString(),
                "--settings", settings.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(send(request("/warm-up"))).isEqualTo(200));
    }

    @AfterAll
    static void stop() throws IOException {
        if (lintel != null) {
            lintel.close();
        }
        for (HttpServer server : new HttpServer[] {app, otlp}) {
            if (server != null) {
                server.stop(0);
            }
        }
        if (hung != null) {
            hung.close();
        }
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path));
    }

    private static int send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return ItHttp.send(request).statusCode();
    }

    /** The access-log lines written so far, parsed (the shipped pattern puts {@code access } before each object). */
    private static List<JsonNode> accessLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf(" access {");
            if (at >= 0) {
                lines.add(JSON.readTree(line.substring(at + " access ".length())));
            }
        }
        return lines;
    }

    private static JsonNode lineFor(String path) throws IOException {
        return accessLines().stream().filter(line -> line.get("path").asText().equals(path)).findFirst().orElse(null);
    }

    private static List<JsonNode> spans() {
        List<JsonNode> spans = new ArrayList<>();
        for (JsonNode export : EXPORTS) {
            export.at("/resourceSpans/0/scopeSpans/0/spans").forEach(spans::add);
        }
        return spans;
    }

    @Test
    void theJsonAccessLogHasOneLinePerRequestWithEveryDocumentedField() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        assertThat(send(request("/cart/items?id=log").POST(HttpRequest.BodyPublishers.ofString("four"))
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-00"))).isEqualTo(200);
        assertThat(send(request("/hung/x"))).isEqualTo(504);
        assertThat(send(request("/gone/x"))).isEqualTo(503);
        assertThat(send(request("/nowhere"))).isEqualTo(404);

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(lineFor("/nowhere")).isNotNull());
        JsonNode ok = lineFor("/cart/items?id=log");
        assertThat(Instant.parse(ok.get("start_time").asText())).isAfter(before).isBefore(Instant.now());
        assertThat(ok.get("duration_ms").isNumber()).isTrue();
        assertThat(ok.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(ok.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(ok.get("method").asText()).isEqualTo("POST");
        assertThat(ok.get("authority").asText()).isEqualTo("127.0.0.1:" + gatewayPort);
        assertThat(ok.get("status").asInt()).isEqualTo(200);
        assertThat(ok.get("bytes_in").asLong()).isEqualTo(4);
        assertThat(ok.get("bytes_out").asLong()).isEqualTo(4);
        assertThat(ok.get("route").asText()).isEqualTo("httproute/default/shop");
        assertThat(ok.get("rule").asText()).isEqualTo("2");
        assertThat(ok.get("rule_name").asText()).isEqualTo("cart");
        assertThat(ok.get("backend").asText()).isEqualTo("default/app:80");
        assertThat(ok.get("endpoint").asText()).isEqualTo("127.0.0.1:" + app.getAddress().getPort());
        assertThat(ok.get("upstream_ms").asDouble()).isPositive().isLessThanOrEqualTo(ok.get("duration_ms").asDouble());
        assertThat(ok.get("attempts").asInt()).isEqualTo(1);
        assertThat(ok.get("trace_id").asText()).isEqualTo(CALLER_TRACE);
        assertThat(ok.get("flags")).isEmpty();

        JsonNode timedOut = lineFor("/hung/x");
        assertThat(timedOut.get("status").asInt()).isEqualTo(504);
        assertThat(timedOut.get("upstream_ms").isNull()).isTrue();
        assertThat(timedOut.get("flags")).extracting(JsonNode::asText).containsExactly("timeout", "local");

        JsonNode refused = lineFor("/gone/x");
        assertThat(refused.get("status").asInt()).isEqualTo(503);
        assertThat(refused.get("endpoint").asText()).isEqualTo("127.0.0.1:" + closedPort);
        assertThat(refused.get("flags")).extracting(JsonNode::asText).containsExactly("connect_failed", "local");

        JsonNode noRoute = lineFor("/nowhere");
        assertThat(noRoute.get("status").asInt()).isEqualTo(404);
        assertThat(noRoute.get("route").isNull()).isTrue();
        assertThat(noRoute.get("rule").asText()).isEqualTo("none");
        assertThat(noRoute.get("backend").isNull()).isTrue();
        assertThat(noRoute.get("attempts").asInt()).isZero();
        assertThat(noRoute.get("flags")).extracting(JsonNode::asText).containsExactly("local");

        String metrics = ItHttp.get(adminPort, "/metrics").body();
        assertThat(metrics).contains("lintel_timeouts_total{kind=\"request\"} 1.0")
                .contains("lintel_access_log_dropped_total 0.0")
                .contains("lintel_config_reload_duration_seconds_count");
    }

    @Test
    void spansReachTheOtlpReceiverWithTheCallersTraceOrANewOne() throws Exception {
        assertThat(send(request("/traced?id=with").header("traceparent",
                "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"))).isEqualTo(200);
        assertThat(send(request("/traced?id=without"))).isEqualTo(200);

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(spans().stream()
                .filter(span -> span.get("name").asText().startsWith("GET httproute/default/shop/rule/2"))
                .count()).isGreaterThanOrEqualTo(2));
        assertThat(EXPORTS.get(0).at("/resourceSpans/0/resource/attributes/0/value/stringValue").asText())
                .isEqualTo("edge-gateway");

        JsonNode server = serverSpan("/traced", "id=with");
        assertThat(server.get("traceId").asText()).isEqualTo(CALLER_TRACE);
        assertThat(server.get("parentSpanId").asText()).isEqualTo(CALLER_SPAN);
        JsonNode attempt = attemptOf(server);
        String backendSaw = BACKEND_TRACEPARENT.get("with");
        assertThat(backendSaw).isEqualTo("00-" + CALLER_TRACE + "-" + attempt.get("spanId").asText() + "-01");

        JsonNode fresh = serverSpan("/traced", "id=without");
        assertThat(fresh.get("traceId").asText()).matches("[0-9a-f]{32}").isNotEqualTo(CALLER_TRACE);
        assertThat(fresh.has("parentSpanId")).isFalse();
        JsonNode freshAttempt = attemptOf(fresh);
        assertThat(BACKEND_TRACEPARENT.get("without"))
                .isEqualTo("00-" + fresh.get("traceId").asText() + "-" + freshAttempt.get("spanId").asText() + "-01");

        // the access log names the same trace
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(lineFor("/traced?id=without")).isNotNull());
        assertThat(lineFor("/traced?id=without").get("trace_id").asText()).isEqualTo(fresh.get("traceId").asText());
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(ItHttp.get(adminPort, "/metrics").body())
                .containsPattern("lintel_tracing_spans_exported_total [1-9]")
                .contains("lintel_tracing_spans_dropped_total{reason=\"queue_full\"} 0.0"));
    }

    private static JsonNode serverSpan(String path, String query) {
        return spans().stream()
                .filter(span -> span.get("kind").asInt() == 2)
                .filter(span -> path.equals(attribute(span, "url.path")) && query.equals(attribute(span, "url.query")))
                .findFirst().orElseThrow(() -> new AssertionError("no server span for " + path + "?" + query
                        + " in " + spans()));
    }

    private static JsonNode attemptOf(JsonNode server) {
        return spans().stream()
                .filter(span -> span.get("kind").asInt() == 3)
                .filter(span -> span.get("parentSpanId").asText().equals(server.get("spanId").asText()))
                .filter(span -> span.get("traceId").asText().equals(server.get("traceId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no attempt span under " + server));
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
}
