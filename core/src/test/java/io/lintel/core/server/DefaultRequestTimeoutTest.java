package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data plane's default request timeout (issue #14: a backend that accepts and never answers held the client
 * forever): it bounds the wait for a response head when the rule sets no timeouts, and nothing else.
 */
@ExtendWith(NettyLeakDetection.class)
class DefaultRequestTimeoutTest {

    private static final Duration DEFAULT = Duration.ofMillis(300);
    /** Comfortably longer than {@link #DEFAULT}: what must not be cut is watched this long. */
    private static final Duration BEYOND_DEFAULT = Duration.ofSeconds(1);

    /** A rule-field filter that says "no limit", as {@code timeouts: {request: 0s}} does; the backend sees /slow. */
    private record NoLimit() implements FilterSpec {}

    private static final FilterKey KEY = FilterKey.ruleField("timeouts");

    private final HttpFilterFactory noLimit = new HttpFilterFactory() {
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
            return (request, next) -> {
                request.pathAndQuery("/slow");
                request.requestTimeout(Duration.ZERO);
                return next.proceed(request);
            };
        }
    };

    private NettyDataPlane dataPlane;
    private TestBackend backend;
    private PausingBackend pausing;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        pausing = new PausingBackend();
        port = RawHttp.freePort();
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(KEY, noLimit), Map.of(), List.of(),
                Map.of(), PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS.withDefaultRequestTimeout(DEFAULT));
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/unlimited", rule("unlimited", List.of(new IrFilter(KEY, new NoLimit())),
                        backend("a", 1, backend.port()))),
                prefix("/pausing", rule("pausing", backend("p", 1, pausing.port()))),
                prefix("/", rule("plain", backend("a", 1, backend.port())))))))))
                .isEmpty();
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        backend.close();
        pausing.close();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aBackendThatNeverAnswersGets504AfterTheDefault() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request("/slow"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEFAULT);

        // the connection and the backend recover: the next request is answered
        backend.releaseSlow();
        assertThat(client.send(request("/slow"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("A slow");
    }

    @Test
    void aRuleThatSetsNoLimitWaitsForTheBackend() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request("/unlimited"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(backend.awaitSlowRequest()).isTrue();

        await().during(BEYOND_DEFAULT).atMost(BEYOND_DEFAULT.multipliedBy(3)).until(() -> !pending.isDone());
        backend.releaseSlow();
        assertThat(pending.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aResponseWhoseHeadArrivedMayPauseLongerThanTheDefault() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /pausing HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String first = readUntil(in, "first\r\n");
            assertThat(first).startsWith("HTTP/1.1 200");

            // the body pauses for longer than the default timeout; the response goes on afterwards
            await().during(BEYOND_DEFAULT).atMost(BEYOND_DEFAULT.multipliedBy(3)).until(() -> in.available() == 0);
            pausing.resume.countDown();
            assertThat(readUntil(in, "0\r\n\r\n")).contains("second");
        }
    }

    @Test
    void aGrpcRequestIsNotBoundByTheDefault() throws Exception {
        // gRPC is recognised by its content type whatever the protocol (HTTP/2 to an h2c backend is the plugin's)
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/slow"))
                .header("content-type", "application/grpc")
                .POST(HttpRequest.BodyPublishers.ofString("call")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(backend.awaitSlowRequest()).isTrue();

        await().during(BEYOND_DEFAULT).atMost(BEYOND_DEFAULT.multipliedBy(3)).until(() -> !pending.isDone());
        backend.releaseSlow();
        assertThat(pending.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    /** Reads until {@code marker} has arrived, and returns everything read. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }

    /**
     * A backend on a plain socket that answers one request with a chunked response: its head and a chunk
     * {@code first} at once, then the chunk {@code second} and the end once {@link #resume} is released.
     */
    private static final class PausingBackend implements AutoCloseable {
        final CountDownLatch resume = new CountDownLatch(1);
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "pausing-backend");

        PausingBackend() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                readUntil(socket.getInputStream(), "\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (resume.await(30, TimeUnit.SECONDS)) {
                    out.write("6\r\nsecond\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                // held open until the gateway has read the end (closing at once could reset what is unread)
                socket.getInputStream().read();
            } catch (IOException | InterruptedException e) {
                // closed by the test
            }
        }

        @Override
        public void close() throws IOException {
            resume.countDown();
            server.close();
        }
    }
}
