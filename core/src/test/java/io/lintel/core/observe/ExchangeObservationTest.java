package io.lintel.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRule;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One exchange with a retry, as the access log and the trace see it: two attempts, each its own span and its own
 * {@code traceparent} to the backend, the line naming the last attempt, and the flags.
 */
class ExchangeObservationTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<JsonNode> exports = new CopyOnWriteArrayList<>();
    private final CompiledRule rule = CompiledRule.direct("httproute/infra/web/rule/0", 0, ProxyMetrics.RuleMetrics.NOOP)
            .named("web");
    private HttpServer collector;
    private ExchangeObserver observer;

    @AfterEach
    void stop() {
        if (observer != null) {
            observer.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    private ExchangeObserver observer(boolean tracing, double ratio) throws Exception {
        OtlpExporter exporter = null;
        if (tracing) {
            collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            collector.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    exports.add(new ObjectMapper().readTree(body));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            collector.start();
            exporter = new OtlpExporter(URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/"),
                    "test", "1", 100, 100, Duration.ofMillis(10), Duration.ofSeconds(10));
        }
        observer = new ExchangeObserver(new AccessLogWriter(100, AccessLogFormat.JSON, lines::add,
                Duration.ofSeconds(30)), exporter, ratio);
        return observer;
    }

    private static HttpRequest request(String traceparent) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/web?x=1");
        request.headers().set("host", "web.test");
        if (traceparent != null) {
            request.headers().set("traceparent", traceparent).set("tracestate", "a=b");
        }
        return request;
    }

    private List<JsonNode> spans() {
        List<JsonNode> spans = new ArrayList<>();
        exports.forEach(export -> export.at("/resourceSpans/0/scopeSpans/0/spans").forEach(spans::add));
        return spans;
    }

    @Test
    void aRetriedExchangeHasASpanPerAttemptAndTheLineNamesTheLastOne() throws Exception {
        HttpRequest request = request(null);
        ExchangeObservation observation = observer(true, 1).start(request, System.nanoTime(), "10.1.2.3", false);

        observation.attempt(request, "infra/web:80", new BackendEndpoint("10.0.0.1", 8080, ""));
        String first = request.headers().get("traceparent");
        observation.flag(ResponseFlag.BACKEND_TIMEOUT);
        observation.attempt(request, "infra/web:80", new BackendEndpoint("10.0.0.2", 8080, ""));
        String second = request.headers().get("traceparent");
        observation.responseHead(200);
        observation.completed(rule, 200, 0, 42, 5_000_000, false);
        observation.completed(rule, 200, 0, 42, 5_000_000, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> spans().size() == 3 && lines.size() == 1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("attempts").asInt()).isEqualTo(2);
        assertThat(line.get("endpoint").asText()).isEqualTo("10.0.0.2:8080");
        assertThat(line.get("upstream_ms").isNumber()).isTrue();
        assertThat(line.get("flags")).extracting(JsonNode::asText).containsExactly("backend_timeout", "retried");
        assertThat(line.get("authority").asText()).isEqualTo("web.test");

        JsonNode server = spans().stream().filter(s -> s.get("kind").asInt() == 2).findFirst().orElseThrow();
        List<JsonNode> attempts = spans().stream().filter(s -> s.get("kind").asInt() == 3).toList();
        assertThat(line.get("trace_id").asText()).isEqualTo(server.get("traceId").asText());
        assertThat(attempts).hasSize(2).allSatisfy(attempt ->
                assertThat(attempt.get("parentSpanId").asText()).isEqualTo(server.get("spanId").asText()));
        assertThat(first).isNotEqualTo(second)
                .endsWith(attempts.get(0).get("spanId").asText() + "-01");
        assertThat(second).endsWith(attempts.get(1).get("spanId").asText() + "-01");
        // the first attempt got no answer: an error; the second answered 200
        assertThat(attempts.get(0).get("status").get("code").asInt()).isEqualTo(2);
        assertThat(attempts.get(1).get("status").get("code").asInt()).isZero();
        // a trace Lintel started carries no tracestate of the client's
        assertThat(request.headers().contains("tracestate")).isFalse();
    }

    @Test
    void withoutTracingTheCallersHeadersAreLeftAloneAndItsTraceIdLogged() throws Exception {
        String caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        HttpRequest request = request(caller);
        ExchangeObservation observation = observer(false, 0).start(request, System.nanoTime(), "10.1.2.3", true);

        observation.attempt(request, "infra/web:80", new BackendEndpoint("10.0.0.1", 8080, ""));
        observation.completed(rule, 0, 3, 0, 1_000, true);

        assertThat(request.headers().get("traceparent")).isEqualTo(caller);
        assertThat(request.headers().get("tracestate")).isEqualTo("a=b");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(line.get("protocol").asText()).isEqualTo("HTTP/2");
        assertThat(line.get("status").asInt()).isZero();
        assertThat(line.get("upstream_ms").isNull()).isTrue();
    }

    @Test
    void aRatioOfZeroPropagatesUnsampledAndRecordsNothing() throws Exception {
        HttpRequest request = request(null);
        ExchangeObservation observation = observer(true, 0).start(request, System.nanoTime(), "10.1.2.3", false);

        observation.attempt(request, "infra/web:80", new BackendEndpoint("10.0.0.1", 8080, ""));
        observation.responseHead(204);
        observation.completed(rule, 204, 0, 0, 1_000, false);

        assertThat(request.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 1);
        assertThat(exports).isEmpty();
    }
}
