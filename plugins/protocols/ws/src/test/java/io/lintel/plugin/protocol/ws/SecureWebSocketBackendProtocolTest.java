package io.lintel.plugin.protocol.ws;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.testing.TestCertificateAuthority;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubernetes.io/wss}: a clear-text WebSocket client through the real data plane to a WebSocket backend that
 * speaks TLS with a certificate the backend TLS settings trust (as a BackendTLSPolicy would give them).
 */
class SecureWebSocketBackendProtocolTest {

    private WebSocketEchoServer backend;
    private NettyDataPlane dataPlane;
    private int port;
    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        TestCertificateAuthority ca = new TestCertificateAuthority("wss-ca");
        TestCertificateAuthority.Issued serving = ca.issue(List.of("ws.test"), List.of());
        backend = new WebSocketEchoServer(SslContextBuilder.forServer(serving.key(), serving.certificate())
                .sslProvider(SslProvider.JDK).build());
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, BackendProtocolFactory> protocols = new WebSocketProtocolPlugin().backendProtocols(null).stream()
                .collect(Collectors.toMap(BackendProtocolFactory::appProtocol, Function.identity()));
        assertThat(protocols).containsKeys("kubernetes.io/ws", "kubernetes.io/wss");
        PluginRegistry registry = new PluginRegistry(List.of("protocol-ws"), Map.of(), protocols, List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        IrBackendTls tls = new IrBackendTls("default/wss-policy", "ws.test", List.of(), false,
                List.of("default/ConfigMap/ca"), "sha256:wss", List.of(ca.certificate()), Optional.empty(),
                Optional.empty());
        IrBackend wss = new IrBackend("default/wss:443", 1, "kubernetes.io/wss",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of(), Optional.of(tls));
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*",
                vhost("*", prefix("/", rule("wss", wss)))))))).isEmpty();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    @Test
    void tunnelsFramesToATlsBackend() throws Exception {
        WebSocket socket = RecordingWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), received);

        socket.sendText("over TLS", true).join();
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("echo: over TLS");
        socket.sendBinary(ByteBuffer.wrap(new byte[] {9, 8, 7}), true).join();
        assertThat((byte[]) received.poll(30, TimeUnit.SECONDS)).containsExactly(9, 8, 7);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
