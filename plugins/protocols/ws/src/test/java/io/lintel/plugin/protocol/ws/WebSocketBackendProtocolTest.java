package io.lintel.plugin.protocol.ws;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A WebSocket client through the real data plane to a WebSocket backend, across configuration reloads. */
class WebSocketBackendProtocolTest {

    private WebSocketEchoServer backend;
    private NettyDataPlane dataPlane;
    private int port;
    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        backend = new WebSocketEchoServer();
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WebSocketBackendProtocol protocol = new WebSocketBackendProtocol();
        PluginRegistry registry = new PluginRegistry(List.of("protocol-ws"), Map.of(),
                Map.of(protocol.appProtocol(), protocol), List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(config("ws"))).isEmpty();
    }

    private Ir config(String ruleName) {
        IrBackend ws = new IrBackend("default/ws:8082", 1, "kubernetes.io/ws",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of());
        return ir(socket("127.0.0.1", port, listener("l", "*", vhost("*", prefix("/", rule(ruleName, ws))))));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    private WebSocket connect() {
        return RecordingWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), received);
    }

    private Object next() throws InterruptedException {
        Object message = received.poll(30, TimeUnit.SECONDS);
        assertThat(message).as("a message within 30 s").isNotNull();
        return message;
    }

    @Test
    void tunnelsTextAndBinaryFrames() throws Exception {
        WebSocket socket = connect();

        socket.sendText("Websocket Support!", true).join();
        assertThat(next()).isEqualTo("echo: Websocket Support!");
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7}), true).join();
        assertThat((byte[]) next()).containsExactly(1, 2, 3, 4, 5, 6, 7);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void survivesAHundredConfigurationReloads() throws Exception {
        WebSocket socket = connect();
        socket.sendText("before", true).join();
        assertThat(next()).isEqualTo("echo: before");

        for (int i = 0; i < 100; i++) {
            // each reload changes the rule, so the data plane really swaps its route table
            assertThat(dataPlane.apply(config("ws-" + i))).isEmpty();
        }

        socket.sendText("after", true).join();
        assertThat(next()).isEqualTo("echo: after");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
