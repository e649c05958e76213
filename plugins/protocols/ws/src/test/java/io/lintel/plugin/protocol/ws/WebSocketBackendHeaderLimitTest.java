package io.lintel.plugin.protocol.ws;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plain HTTP request to a {@code kubernetes.io/ws} backend through the real data plane: the plugin's codec is
 * bounded by the gateway's configured backend header limit (64 KiB by default), not Netty's 8 KiB default.
 */
@ExtendWith(NettyLeakDetection.class)
class WebSocketBackendHeaderLimitTest {

    private HttpServer backend;
    private NettyDataPlane dataPlane;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", exchange -> {
            int headerBytes = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            exchange.getResponseHeaders().set("X-Big", "a".repeat(headerBytes));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        backend.start();
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WebSocketBackendProtocol protocol = new WebSocketBackendProtocol();
        PluginRegistry registry = new PluginRegistry(List.of("protocol-ws"), Map.of(),
                Map.of(protocol.appProtocol(), protocol), List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        IrBackend ws = new IrBackend("default/ws:8082", 1, "kubernetes.io/ws",
                List.of(new IrEndpoint("127.0.0.1", backend.getAddress().getPort())), 0, List.of());
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("ws", ws)))))))).isEmpty();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.stop(0);
    }

    private HttpResponse<String> get(int headerBytes) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + headerBytes))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aResponseHeaderWithinTheConfiguredLimitPasses() throws Exception {
        // four times Netty's default limit, which the plugin applied before it was given the gateway's
        HttpResponse<String> response = get(32 * 1024);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-big")).hasValueSatisfying(v -> assertThat(v).hasSize(32 * 1024));
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void aResponseHeaderBeyondTheConfiguredLimitFailsTheExchangeWith502() throws Exception {
        HttpResponse<String> response = get(80 * 1024);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("x-big")).isEmpty();
        // the data plane still serves the route afterwards
        assertThat(get(100).statusCode()).isEqualTo(200);
    }
}
