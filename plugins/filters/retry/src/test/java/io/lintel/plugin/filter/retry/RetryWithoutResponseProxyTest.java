package io.lintel.plugin.filter.retry;

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
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.NoResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPRouteRetryConnectionError and HTTPRouteRetryBackendTimeout through the real data plane over loopback sockets:
 * an endpoint that refuses connections, one that resets them before answering, and one whose first answer comes
 * after the attempt's backend timeout. Every rule lists only code 500, which none of these failures answers, so a
 * retry proves that an attempt without a response is retried whatever {@code codes} lists. A probe filter placed
 * after the retry filter records each attempt's outcome as the retry filter sees it.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.lintel.core.server.NettyLeakDetection.class)
class RetryWithoutResponseProxyTest {

    private static final FilterKey PROBE = FilterKey.extensionRef("test.lintel.io", "AttemptProbe");
    private static final FilterKey BACKEND_TIMEOUT = FilterKey.extensionRef("test.lintel.io", "BackendTimeout");

    private final ProxyMetrics metrics = ProxyMetrics.NOOP;
    /** Each attempt's outcome, in order: the response status, or -status for an attempt without a response. */
    private final List<Integer> attempts = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ScriptedBackend resetting;
    private ScriptedBackend slowFirst;
    private NettyDataPlane dataPlane;
    private int port;

    @BeforeEach
    void start() throws Exception {
        resetting = new ScriptedBackend(Script.RESET);
        slowFirst = new ScriptedBackend(Script.HOLD);
        int refused = freePort(); // nothing listens there: connecting is refused
        port = freePort();
        RetryFilterFactory retry = new RetryFilterFactory();
        Map<FilterKey, HttpFilterFactory> factories = Map.of(retry.key(), retry,
                PROBE, new ProbeFactory(attempts), BACKEND_TIMEOUT, new BackendTimeoutFactory());
        PluginRegistry registry = new PluginRegistry(List.of("retry"), factories, Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, metrics, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/refused", rule("refused", filters(2, null), backend("b", 1, refused))),
                prefix("/unretried-refused", rule("unretried-refused", List.of(probe()), backend("b", 1, refused))),
                prefix("/reset", rule("reset", filters(1, null), backend("b", 1, resetting.port()))),
                prefix("/slow", rule("slow", filters(1, Duration.ofMillis(300)), backend("b", 1, slowFirst.port()))),
                prefix("/slow-unretried", rule("slow-unretried", filters(0, Duration.ofMillis(300)),
                        backend("b", 1, slowFirst.port()))))))))).isEmpty();
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        resetting.close();
        slowFirst.close();
    }

    /** [backend timeout], retry (code 500 only, no backoff), probe. */
    private static List<IrFilter> filters(int retries, Duration backendTimeout) {
        List<IrFilter> filters = new ArrayList<>();
        if (backendTimeout != null) {
            filters.add(new IrFilter(BACKEND_TIMEOUT, new BackendTimeoutSpec(backendTimeout)));
        }
        filters.add(new IrFilter(RetryFilterFactory.KEY, new RetrySpec(List.of(500), retries, Duration.ZERO)));
        filters.add(probe());
        return filters;
    }

    private static IrFilter probe() {
        return new IrFilter(PROBE, new ProbeSpec());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheAttemptsRunOut() throws Exception {
        assertThat(get("/refused").statusCode()).isEqualTo(503);
        assertThat(attempts).containsExactly(-503, -503, -503);
    }

    @Test
    void withoutRetryARefusedConnectionIsTriedOnce() throws Exception {
        assertThat(get("/unretried-refused").statusCode()).isEqualTo(503);
        assertThat(attempts).containsExactly(-503);
    }

    @Test
    void aConnectionResetBeforeTheResponseIsRetried() throws Exception {
        HttpResponse<String> response = get("/reset");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answer 2");
        assertThat(attempts).containsExactly(-502, 200);
        assertThat(resetting.requests()).hasValue(2);
    }

    @Test
    void anAttemptPastTheBackendTimeoutIsRetried() throws Exception {
        HttpResponse<String> response = get("/slow");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answer 2");
        assertThat(attempts).containsExactly(-504, 200);
        assertThat(slowFirst.requests()).hasValue(2);
    }

    @Test
    void withoutRetryTheBackendTimeoutIsTheAnswer() throws Exception {
        assertThat(get("/slow-unretried").statusCode()).isEqualTo(504);
        assertThat(attempts).containsExactly(-504);
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private record ProbeSpec() implements FilterSpec {}

    /** Records the outcome of every attempt the filters before it make. */
    private record ProbeFactory(List<Integer> attempts) implements HttpFilterFactory {
        @Override
        public FilterKey key() {
            return PROBE;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            return new ProbeSpec();
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            return (request, next) -> next.proceed(request).whenComplete((response, failure) -> {
                Throwable cause = failure;
                while (cause != null && !(cause instanceof NoResponseException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                attempts.add(response != null ? response.status()
                        : cause instanceof NoResponseException none ? -none.status() : Integer.MIN_VALUE);
            });
        }
    }

    private record BackendTimeoutSpec(Duration timeout) implements FilterSpec {}

    /** Stands in for the timeouts plugin: sets {@code timeouts.backendRequest} on the request. */
    private static final class BackendTimeoutFactory implements HttpFilterFactory {
        @Override
        public FilterKey key() {
            return BACKEND_TIMEOUT;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            throw new UnsupportedOperationException("built by the test");
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            Duration timeout = ((BackendTimeoutSpec) spec).timeout();
            return (request, next) -> {
                request.backendRequestTimeout(timeout);
                return next.proceed(request);
            };
        }
    }

    private enum Script {
        /** The first request's connection is closed with RST after its head was read, before any response. */
        RESET,
        /** The first request is never answered (until the backend closes); the gateway must give up on it. */
        HOLD
    }

    /** An HTTP/1.1 backend that fails its first request as scripted and answers the later ones. */
    private static final class ScriptedBackend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final Script script;
        private final AtomicInteger requests = new AtomicInteger();
        private final CountDownLatch closed = new CountDownLatch(1);

        ScriptedBackend(Script script) throws IOException {
            this.script = script;
            Thread acceptor = new Thread(this::serve, "scripted-backend-" + script);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        AtomicInteger requests() {
            return requests;
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> handle(socket), "scripted-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    // closed: the loop ends
                }
            }
        }

        private void handle(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                while (readHead(in)) {
                    int n = requests.incrementAndGet();
                    if (n == 1 && script == Script.RESET) {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    if (n == 1 && script == Script.HOLD) {
                        closed.await(30, TimeUnit.SECONDS);
                        return;
                    }
                    byte[] body = ("answer " + n).getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // the gateway closed the connection: nothing more to serve on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Reads one request head (these tests send no bodies); false at the end of the stream. */
        private static boolean readHead(InputStream in) throws IOException {
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            int matched = 0;
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            server.close();
        }
    }
}
