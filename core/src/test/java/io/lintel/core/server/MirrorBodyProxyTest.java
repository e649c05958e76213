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

import com.sun.net.httpserver.HttpServer;
import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: request copies (RequestMirror) carry the request body, streamed, byte-identical and framed as it came
 * (Content-Length when the client sent one, chunked otherwise), from HTTP/1.1 and h2c clients; a mirror that stops
 * reading is dropped and counted without slowing the request. Real loopback sockets: the data plane, a JDK HTTP
 * server as primary backend (it echoes bodies), a JDK HTTP server as mirror that records what it got, and a mirror
 * that accepts connections and never reads.
 */
@ExtendWith(NettyLeakDetection.class)
class MirrorBodyProxyTest {

    record Spec(String backend) implements FilterSpec {}

    /** What the recording mirror got: one request. */
    record Copy(String method, String path, String contentLength, String transferEncoding, byte[] body) {}

    private static final FilterKey MIRROR = FilterKey.filterType("Mirror");

    private final ConcurrentLinkedQueue<Copy> copies = new ConcurrentLinkedQueue<>();
    /** Body bytes the recording mirror has read so far, over all requests. */
    private final AtomicLong mirrorBytesRead = new AtomicLong();
    private final List<Socket> stalledConnections = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private TestBackend primary;
    private HttpServer mirror;
    private ServerSocket stalled;
    private NettyDataPlane dataPlane;
    private int port;

    @BeforeEach
    void start() throws Exception {
        primary = new TestBackend("A");
        mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        mirror.setExecutor(executor);
        mirror.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    body.write(buffer, 0, n);
                    mirrorBytesRead.addAndGet(n);
                }
                copies.add(new Copy(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Length"),
                        exchange.getRequestHeaders().getFirst("Transfer-Encoding"), body.toByteArray()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        mirror.start();
        // a mirror that accepts and never reads, with a small receive window so that it is full soon
        stalled = new ServerSocket();
        stalled.setReceiveBufferSize(4096);
        stalled.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        executor.execute(this::acceptAndNeverRead);

        HttpFilterFactory mirrorFactory = new HttpFilterFactory() {
            @Override
            public FilterKey key() {
                return MIRROR;
            }

            @Override
            public FilterSpec translate(FilterConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public HttpFilter create(FilterSpec spec) {
                String target = ((Spec) spec).backend();
                return (request, next) -> {
                    next.mirror(new FilterBackend("requestMirror.backendRef", target, true), request);
                    return next.proceed(request);
                };
            }
        };
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(MIRROR, mirrorFactory), Map.of(),
                List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        port = RawHttp.freePort();
        // the production bound (1 MiB per copy): the stalled mirror's test sends far more than it and the kernel hold
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, metrics, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/echo", rule("copied", List.of(mirrorTo("m", mirror.getAddress().getPort())),
                        backend("a", 1, primary.port()))),
                prefix("/stalled", rule("stalled", List.of(mirrorTo("hole", stalled.getLocalPort())),
                        backend("a", 1, primary.port())))))))))
                .isEmpty();
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        primary.close();
        mirror.stop(0);
        stalled.close();
        for (Socket socket : stalledConnections) {
            socket.close();
        }
        executor.shutdownNow();
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(HttpClient.Version.HTTP_1_1, 1024, true),
                Arguments.of(HttpClient.Version.HTTP_1_1, 100 * 1024, false),
                Arguments.of(HttpClient.Version.HTTP_2, 1024, true),
                Arguments.of(HttpClient.Version.HTTP_2, 100 * 1024, false));
    }

    /**
     * @param knownLength whether the client sends the length (Content-Length) or streams a body of unknown length
     *     (HTTP/1.1 chunked; HTTP/2 DATA frames without content-length)
     */
    @ParameterizedTest(name = "{0}, {1} bytes, length known: {2}")
    @MethodSource("bodies")
    void postedBodyReachesTheMirrorByteIdentical(HttpClient.Version version, int size, boolean knownLength)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).build();
        if (version == HttpClient.Version.HTTP_2) {
            // the JDK client upgrades to h2c on a first request without body; later requests are HTTP/2 streams
            assertThat(client.send(HttpRequest.newBuilder(uri("/echo?upgrade")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        HttpRequest.BodyPublisher publisher = knownLength
                ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/echo?post"))
                .timeout(Duration.ofSeconds(30)).POST(publisher).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.version()).isEqualTo(version);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).as("the primary got the body").isEqualTo(body);
        await().atMost(Duration.ofSeconds(20)).until(() -> copies.stream().anyMatch(c -> c.method().equals("POST")));
        Copy copy = copies.stream().filter(c -> c.method().equals("POST")).findFirst().orElseThrow();
        assertThat(copy.path()).isEqualTo("/echo");
        assertThat(copy.body()).as("the mirror got the body byte for byte").isEqualTo(body);
        if (knownLength) {
            assertThat(copy.contentLength()).isEqualTo(Integer.toString(size));
            assertThat(copy.transferEncoding()).isNull();
        } else {
            assertThat(copy.contentLength()).isNull();
            assertThat(copy.transferEncoding()).isEqualToIgnoringCase("chunked");
        }
        assertThat(metricsText()).contains("lintel_mirror_dropped_total{reason=\"slow\"} 0")
                .contains("lintel_mirror_dropped_total{reason=\"error\"} 0");
    }

    /** The copy streams: the mirror reads the first chunk while the client has not sent the second. */
    @Test
    void mirrorReadsTheBodyWhileTheClientIsStillSendingIt() throws Exception {
        byte[] first = new byte[1000];
        byte[] second = new byte[3000];
        new Random(1).nextBytes(first);
        new Random(2).nextBytes(second);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(30_000);
            OutputStream out = client.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            await().atMost(Duration.ofSeconds(20)).until(() -> mirrorBytesRead.get() == first.length);

            out.write((Integer.toHexString(second.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(second);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] status = RawHttp.readN(client.getInputStream(), 12);
            assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !copies.isEmpty());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first);
        expected.write(second);
        assertThat(copies.peek().body()).isEqualTo(expected.toByteArray());
    }

    /**
     * A mirror that accepts and never reads: the client's 16 MiB reach the primary whole while the copy falls behind;
     * once it is more than its bound behind it is dropped (its connection closed) and counted as slow.
     */
    @Test
    void stalledMirrorIsDroppedAndCountedWithoutSlowingThePrimary() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[16 * 1024 * 1024];
        new Random(16).nextBytes(body);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/stalled/upload"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("A");
        assertThat(primary.lastHeaders().get("Content-Length")).containsExactly(Integer.toString(body.length));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metricsText())
                .contains("lintel_mirror_dropped_total{reason=\"slow\"} 1")
                .contains("lintel_mirror_requests_total 1"));
        assertThat(stalledConnections).hasSize(1);
        // what the mirror's socket holds can be read, then it ends: the gateway closed the copy's connection
        Socket copy = stalledConnections.get(0);
        copy.setSoTimeout(20_000);
        long received = drainUntilClosed(copy.getInputStream());
        assertThat(received).as("the copy stopped early").isLessThan(body.length);
        System.out.printf("stalled mirror: %d of %d body bytes reached its socket before the copy was dropped%n",
                received, body.length);
    }

    private static long drainUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (java.net.SocketException reset) {
            // a reset ends the connection as well
        }
        return total;
    }

    private String metricsText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static IrFilter mirrorTo(String name, int mirrorPort) {
        IrBackend target = backend(name, 1, mirrorPort);
        return new IrFilter(MIRROR, new Spec(name), List.of(target));
    }

    private void acceptAndNeverRead() {
        try {
            while (!stalled.isClosed()) {
                stalledConnections.add(stalled.accept());
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }
}
