package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Filters run around the real proxy: request and response changes, direct answers, failures, retries. */
@ExtendWith(NettyLeakDetection.class)
class FilterChainProxyTest {

    record Spec(String value) implements FilterSpec {}

    private static HttpFilterFactory factory(String name, Function<Spec, HttpFilter> create) {
        FilterKey key = FilterKey.filterType(name);
        return new HttpFilterFactory() {
            @Override
            public FilterKey key() {
                return key;
            }

            @Override
            public FilterSpec translate(FilterConfig config) {
                return new Spec("");
            }

            @Override
            public HttpFilter create(FilterSpec spec) {
                return create.apply((Spec) spec);
            }
        };
    }

    private final AtomicInteger attempts = new AtomicInteger();
    private final ExecutorService offLoop = Executors.newSingleThreadExecutor(task -> new Thread(task, "off-loop"));
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<HttpFilterFactory> factories = List.of(
            factory("Modify", spec -> (request, next) -> {
                request.headers().set("X-Added", spec.value());
                request.pathAndQuery("/rewritten");
                return next.proceed(request).thenApply(response -> {
                    response.headers().set("X-Response", "seen");
                    response.status(201);
                    return response;
                });
            }),
            factory("Answer", spec -> (request, next) ->
                    CompletableFuture.completedFuture(next.respond(418, "text/plain", "teapot".getBytes(StandardCharsets.UTF_8)))),
            factory("Fail", spec -> (request, next) -> {
                throw new IllegalStateException("broken filter");
            }),
            factory("Retry", spec -> (request, next) -> next.proceed(request).thenCompose(first -> {
                attempts.incrementAndGet();
                return next.proceed(request);
            })),
            // an asynchronous check elsewhere, then proceed from that thread
            factory("Elsewhere", spec -> (request, next) -> CompletableFuture
                    .supplyAsync(() -> next.proceed(request), offLoop).thenCompose(stage -> stage)),
            factory("RecordThread", spec -> (request, next) -> {
                threads.add(Thread.currentThread().getName());
                return next.proceed(request);
            }));

    private NettyDataPlane dataPlane;
    private TestBackend backend;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        port = RawHttp.freePort();
        Map<FilterKey, HttpFilterFactory> byKey = new java.util.HashMap<>();
        factories.forEach(f -> byKey.put(f.key(), f));
        PluginRegistry registry = new PluginRegistry(List.of("test"), byKey, Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/modify", rule("modify", List.of(filter("Modify", "v1")), backend("a", 1, backend.port()))),
                prefix("/answer", rule("answer", List.of(filter("Answer", "")), backend("a", 1, backend.port()))),
                prefix("/fail", rule("fail", List.of(filter("Fail", "")), backend("a", 1, backend.port()))),
                prefix("/retry", rule("retry", List.of(filter("Retry", "")), backend("a", 1, backend.port()))),
                prefix("/elsewhere", rule("elsewhere", List.of(filter("Elsewhere", ""), filter("RecordThread", "")),
                        backend("a", 1, backend.port())))))))))
                .isEmpty();
    }

    private static IrFilter filter(String type, String value) {
        return new IrFilter(FilterKey.filterType(type), new Spec(value));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
        offLoop.shutdownNow();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void filtersChangeRequestAndResponse() throws Exception {
        HttpResponse<String> response = get("/modify");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-response")).hasValue("seen");
        assertThat(response.body()).isEqualTo("A");
        assertThat(backend.lastHeaders().get("X-Added")).containsExactly("v1");
    }

    @Test
    void filterCanAnswerDirectly() throws Exception {
        HttpResponse<String> response = get("/answer");
        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("teapot");
        assertThat(backend.clients()).isEmpty();
    }

    @Test
    void failingFilterIs500AndConnectionStaysUsable() throws Exception {
        assertThat(get("/fail").statusCode()).isEqualTo(500);
        assertThat(get("/modify").statusCode()).isEqualTo(201);
    }

    @Test
    void filterCanSendABodylessRequestTwice() throws Exception {
        HttpResponse<String> response = get("/retry");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("A");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void proceedCalledOffTheEventLoopContinuesOnIt() throws Exception {
        HttpResponse<String> response = get("/elsewhere");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("A");
        assertThat(threads).hasSize(1).allSatisfy(name -> assertThat(name).startsWith("lintel-io"));
    }
}
