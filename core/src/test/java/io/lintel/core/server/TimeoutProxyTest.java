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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Request and backend-request timeouts set by a filter (GEP-1742), enforced by the real proxy. */
@ExtendWith(NettyLeakDetection.class)
class TimeoutProxyTest {

    /** {@code request} and {@code backend} in milliseconds, 0 for no limit; {@code retries} extra attempts. */
    record Limits(long request, long backend, int retries) implements FilterSpec {}

    private static final FilterKey KEY = FilterKey.ruleField("timeouts");

    private final AtomicInteger attempts = new AtomicInteger();

    private final HttpFilterFactory factory = new HttpFilterFactory() {
        @Override
        public FilterKey key() {
            return KEY;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            Limits limits = (Limits) spec;
            return (request, next) -> {
                request.pathAndQuery("/slow");
                request.requestTimeout(Duration.ofMillis(limits.request()));
                request.backendRequestTimeout(Duration.ofMillis(limits.backend()));
                return attempt(request, next, limits.retries());
            };
        }

        private java.util.concurrent.CompletionStage<io.lintel.spi.filter.HttpResponseHead> attempt(
                io.lintel.spi.filter.HttpRequestHead request, io.lintel.spi.filter.HttpNext next, int retries) {
            attempts.incrementAndGet();
            return next.proceed(request).handle((response, failure) -> failure == null || retries == 0
                    ? (failure == null ? CompletableFuture.completedFuture(response)
                            : CompletableFuture.<io.lintel.spi.filter.HttpResponseHead>failedFuture(failure))
                    : attempt(request, next, retries - 1)).thenCompose(stage -> stage);
        }
    };

    private NettyDataPlane dataPlane;
    private TestBackend backend;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        port = RawHttp.freePort();
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(KEY, factory), Map.of(), List.of(),
                Map.of(), PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/request", rule("request", limits(200, 0, 0), backend("a", 1, backend.port()))),
                prefix("/backend", rule("backend", limits(0, 200, 0), backend("a", 1, backend.port()))),
                prefix("/retried", rule("retried", limits(0, 200, 2), backend("a", 1, backend.port()))),
                prefix("/both", rule("both", limits(300, 0, 5), backend("a", 1, backend.port()))),
                prefix("/none", rule("none", limits(0, 0, 0), backend("a", 1, backend.port())))))))))
                .isEmpty();
    }

    private static List<IrFilter> limits(long request, long backend, int retries) {
        return List.of(new IrFilter(KEY, new Limits(request, backend, retries)));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void requestTimeoutAnswers504AndTheConnectionStaysUsable() throws Exception {
        assertThat(get("/request").statusCode()).isEqualTo(504);

        backend.releaseSlow();
        HttpResponse<String> after = get("/request");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("A slow");
    }

    @Test
    void backendTimeoutAnswers504() throws Exception {
        assertThat(get("/backend").statusCode()).isEqualTo(504);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void backendTimeoutIsPerAttemptSoAFilterCanRetry() throws Exception {
        assertThat(get("/retried").statusCode()).isEqualTo(504);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void requestTimeoutBoundsAllAttempts() throws Exception {
        // the first attempt never ends by itself; a retrying filter cannot keep the request beyond its limit
        assertThat(get("/both").statusCode()).isEqualTo(504);

        backend.releaseSlow();
        assertThat(get("/both").statusCode()).isEqualTo(200);
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request("/none"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(backend.awaitSlowRequest()).isTrue();
        backend.releaseSlow();
        assertThat(pending.get().statusCode()).isEqualTo(200);
    }
}
