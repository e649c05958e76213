package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WebSocket upgrade to a plain HTTP/1.1 backend (no {@code appProtocol}, no protocol plugin loaded): core switches
 * its own codec out after the backend's {@code 101} and relays bytes both ways, as the Gateway API expects of any
 * HTTPRoute backend.
 */
@ExtendWith(NettyLeakDetection.class)
class PlainUpgradeTunnelTest {

    private ServerSocket backend;
    private Thread backendThread;
    private NettyDataPlane dataPlane;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backend = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        backendThread = new Thread(this::serveOneTunnel, "upgrade-backend");
        backendThread.start();
        port = RawHttp.freePort();
        PluginRegistry registry = new PluginRegistry(List.of(), Map.of(), Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("plain", backend("b", 1, backend.getLocalPort()))))))))).isEmpty();
    }

    @AfterEach
    void stop() throws Exception {
        dataPlane.close();
        backend.close();
        backendThread.join(10_000);
    }

    /** Answers the first request with a 101, then echoes every byte back until the gateway closes. */
    private void serveOneTunnel() {
        try (Socket connection = backend.accept()) {
            connection.setSoTimeout(30_000);
            InputStream in = connection.getInputStream();
            readHead(in);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the test closed the socket, or the gateway the connection: the tunnel is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int end = bytes.length;
            if (end >= 4 && bytes[end - 4] == '\r' && bytes[end - 3] == '\n' && bytes[end - 2] == '\r'
                    && bytes[end - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void relaysBytesBothWaysAfterTheBackendSwitches() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(30_000);
            OutputStream out = client.getOutputStream();
            out.write(("GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = client.getInputStream();

            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101 ").containsIgnoringCase("upgrade: websocket");

            for (String message : List.of("first frame", "second frame")) {
                out.write(message.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(RawHttp.readN(in, message.length()), StandardCharsets.US_ASCII))
                        .isEqualTo(message);
            }
        }
    }
}
