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
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code HttpNext.mirror} through the real proxy: copies reach the mirror backend with the changes earlier filters
 * made, and a mirror backend that never answers or cannot be reached changes nothing for the primary exchange.
 */
@ExtendWith(NettyLeakDetection.class)
class MirrorProxyTest {

    record Spec(String backend) implements FilterSpec {}

    private static final FilterKey MIRROR = FilterKey.filterType("Mirror");
    private static final FilterKey MODIFY = FilterKey.filterType("Modify");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentLinkedQueue<String> mirrored = new ConcurrentLinkedQueue<>();
    private final List<Socket> blackHoleConnections = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private TestBackend primary;
    private HttpServer mirror;
    private ServerSocket blackHole;
    private NettyDataPlane dataPlane;
    private int port;

    @BeforeEach
    void start() throws Exception {
        primary = new TestBackend("A");
        mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        mirror.setExecutor(executor);
        mirror.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                mirrored.add(exchange.getRequestURI() + " x-added=" + exchange.getRequestHeaders().getFirst("x-added")
                        + (body.isEmpty() ? "" : " body=" + body));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        mirror.start();
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::acceptAndNeverAnswer);
        int unreachable = RawHttp.freePort();

        HttpFilterFactory mirrorFactory = factory(MIRROR, spec -> (request, next) -> {
            next.mirror(new FilterBackend("requestMirror.backendRef", spec.backend(), true), request);
            return next.proceed(request);
        });
        HttpFilterFactory modifyFactory = factory(MODIFY, spec -> (request, next) -> {
            request.headers().set("X-Added", "yes");
            return next.proceed(request);
        });
        PluginRegistry registry = new PluginRegistry(List.of("test"),
                Map.of(MIRROR, mirrorFactory, MODIFY, modifyFactory), Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        port = RawHttp.freePort();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/copied", rule("copied",
                        List.of(new IrFilter(MODIFY, new Spec("")), mirrorTo("m", mirror.getAddress().getPort())),
                        backend("a", 1, primary.port()))),
                prefix("/black-hole", rule("black-hole", List.of(mirrorTo("hole", blackHole.getLocalPort())),
                        backend("a", 1, primary.port()))),
                prefix("/unreachable", rule("unreachable", List.of(mirrorTo("nowhere", unreachable)),
                        backend("a", 1, primary.port())))))))))
                .isEmpty();
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        primary.close();
        mirror.stop(0);
        blackHole.close();
        for (Socket socket : blackHoleConnections) {
            socket.close();
        }
        executor.shutdownNow();
    }

    @Test
    void copiesReachTheMirrorWithTheChangesOfEarlierFilters() throws Exception {
        HttpResponse<String> response = get("/copied/one?x=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("A");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mirrored).containsExactly("/copied/one?x=1 x-added=yes"));
    }

    @Test
    void everyRequestIsCopiedOverPooledConnections() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("/copied/" + i).statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mirrored).hasSize(5));
    }

    @Test
    void aMirrorThatNeverAnswersChangesNothingForThePrimary() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get("/black-hole/" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("A");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(blackHoleConnections).isNotEmpty());
    }

    @Test
    void anUnreachableMirrorChangesNothingForThePrimary() throws Exception {
        HttpResponse<String> response = get("/unreachable");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("A");
    }

    @Test
    void aRequestWithABodyIsCopiedWithIt() throws Exception {
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/copied/post"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("body")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);

        assertThat(get("/copied/after").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mirrored)
                .containsExactlyInAnyOrder("/copied/post x-added=yes body=body", "/copied/after x-added=yes"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static IrFilter mirrorTo(String name, int mirrorPort) {
        IrBackend target = backend(name, 1, mirrorPort);
        return new IrFilter(MIRROR, new Spec(name), List.of(target));
    }

    private void acceptAndNeverAnswer() {
        try {
            while (!blackHole.isClosed()) {
                blackHoleConnections.add(blackHole.accept());
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    private static HttpFilterFactory factory(FilterKey key, java.util.function.Function<Spec, HttpFilter> create) {
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
}
