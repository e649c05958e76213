package io.lintel.plugin.filter.retry;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry filter around the real proxy: a backend that fails its first requests. */
@org.junit.jupiter.api.extension.ExtendWith(io.lintel.core.server.NettyLeakDetection.class)
class RetryProxyTest {

    private final AtomicInteger requests = new AtomicInteger();
    /** Request bodies the data plane counted as too long to keep for a retry. */
    private final AtomicInteger notReplayable = new AtomicInteger();
    private final ProxyMetrics metrics = new ProxyMetrics() {
        @Override
        public RuleMetrics forRule(String ruleName) {
            return RuleMetrics.NOOP;
        }

        @Override
        public void requestBodyNotReplayable() {
            notReplayable.incrementAndGet();
        }
    };
    private final List<byte[]> echoBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private HttpServer backend;
    private NettyDataPlane dataPlane;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("try " + n).getBytes();
            exchange.sendResponseHeaders(n <= 2 ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.createContext("/echo", exchange -> {
            byte[] received = exchange.getRequestBody().readAllBytes();
            echoBodies.add(received);
            // the first attempt fails after reading the whole body; the next ones echo it
            int status = echoBodies.size() == 1 ? 500 : 200;
            byte[] body = status == 500 ? "first".getBytes() : received;
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        RetryFilterFactory factory = new RetryFilterFactory();
        PluginRegistry registry = new PluginRegistry(List.of("retry"), Map.of(factory.key(), factory), Map.of(),
                List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, metrics, DataPlaneSettings.DEFAULTS);
        int backendPort = backend.getAddress().getPort();
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/three", rule("three", retry(3, "10ms"), backend("b", 1, backendPort))),
                prefix("/one", rule("one", retry(1, "0s"), backend("b", 1, backendPort))),
                prefix("/echo", rule("echo", retry(2, "0s"), backend("b", 1, backendPort))))))))).isEmpty();
    }

    private static List<IrFilter> retry(int attempts, String backoff) {
        return List.of(new IrFilter(RetryFilterFactory.KEY, new RetrySpec(List.of(500), attempts,
                io.lintel.plugin.filter.support.GatewayDuration.parse(backoff))));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.stop(0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void retriesUntilTheBackendSucceeds() throws Exception {
        HttpResponse<String> response = send(to("/three"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("try 3");
        assertThat(requests).hasValue(3);
    }

    @Test
    void answersTheLastFailureWhenAttemptsRunOut() throws Exception {
        HttpResponse<String> response = send(to("/one"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("try 2");
        assertThat(send(to("/one")).statusCode()).isEqualTo(200);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(length).nextBytes(bytes);
        return bytes;
    }

    private HttpResponse<byte[]> post(HttpRequest.BodyPublisher body) throws Exception {
        return client.send(to("/echo").POST(body).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void replaysASmallRequestBodyIntact() throws Exception {
        byte[] body = randomBytes(40 * 1024);

        HttpResponse<byte[]> response = post(HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(echoBodies).hasSize(2).allSatisfy(received -> assertThat(received).isEqualTo(body));
    }

    @Test
    void replaysAChunkedRequestBodyIntact() throws Exception {
        byte[] body = randomBytes(20 * 1024);

        // an InputStream publisher has no known length: the client sends it chunked
        HttpResponse<byte[]> response = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(echoBodies).hasSize(2);
    }

    @Test
    void doesNotRetryABodyLargerThanTheReplayBound() throws Exception {
        byte[] body = randomBytes(200 * 1024);

        HttpResponse<byte[]> response = post(HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body())).isEqualTo("first");
        assertThat(echoBodies).singleElement().satisfies(received -> assertThat(received).isEqualTo(body));
        // the connection and the route still work, and a small body is retried again
        assertThat(post(HttpRequest.BodyPublishers.ofString("small")).statusCode()).isEqualTo(200);
    }

    @Test
    void doesNotRetryA100KiBBodyBeyondTheDefault64KiBBound() throws Exception {
        byte[] body = randomBytes(100 * 1024);

        HttpResponse<byte[]> response = post(HttpRequest.BodyPublishers.ofByteArray(body));

        // the retry filter's documented outcome: the body is streamed once and the backend's response is final
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body())).isEqualTo("first");
        assertThat(echoBodies).singleElement().satisfies(received -> assertThat(received).isEqualTo(body));
        assertThat(notReplayable).hasValue(1);
    }

    @Test
    void doesNotRetryA100KiBChunkedBodyOnceItOutgrowsTheBound() throws Exception {
        byte[] body = randomBytes(100 * 1024);

        // no Content-Length: the bound is found out while the body streams, and what was held is released
        HttpResponse<byte[]> response = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(echoBodies).singleElement().satisfies(received -> assertThat(received).isEqualTo(body));
        assertThat(notReplayable).hasValue(1);
    }

    @Test
    void retriesA1KiBBodyWhichReachesTheBackendByteIdentical() throws Exception {
        byte[] body = randomBytes(1024);

        HttpResponse<byte[]> response = post(HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(echoBodies).hasSize(2).allSatisfy(received -> assertThat(received).isEqualTo(body));
        assertThat(notReplayable).hasValue(0);
    }
}
