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
class RetryProxyTest {

    private final AtomicInteger requests = new AtomicInteger();
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
        backend.start();
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        RetryFilterFactory factory = new RetryFilterFactory();
        PluginRegistry registry = new PluginRegistry(List.of("retry"), Map.of(factory.key(), factory), Map.of(),
                List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, false), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        int backendPort = backend.getAddress().getPort();
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/three", rule("three", retry(3, "10ms"), backend("b", 1, backendPort))),
                prefix("/one", rule("one", retry(1, "0s"), backend("b", 1, backendPort))))))))).isEmpty();
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

    @Test
    void doesNotReplayARequestBody() throws Exception {
        HttpResponse<String> response = send(to("/three").POST(HttpRequest.BodyPublishers.ofString("payload")));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(requests).hasValue(1);
    }
}
