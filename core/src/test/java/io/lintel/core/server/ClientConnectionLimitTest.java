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

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client connection limits, total and per listening socket, with real sockets on loopback. */
@ExtendWith(NettyLeakDetection.class)
class ClientConnectionLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Counts what the limit reports. */
    private static final class Counting implements ProxyMetrics {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger limit = new AtomicInteger(-1);

        @Override
        public RuleMetrics forRule(String ruleName) {
            return RuleMetrics.NOOP;
        }

        @Override
        public void backendConnectionOpened() {}

        @Override
        public void backendConnectionClosed() {}

        @Override
        public void clientConnectionOpened() {
            open.incrementAndGet();
        }

        @Override
        public void clientConnectionClosed() {
            open.decrementAndGet();
        }

        @Override
        public void clientConnectionRefused() {
            refused.incrementAndGet();
        }

        @Override
        public void clientConnectionLimit(int max) {
            limit.set(max);
        }
    }

    private final Counting metrics = new Counting();
    private final List<Socket> sockets = new ArrayList<>();
    private TestBackend backend;
    private NettyDataPlane dataPlane;
    private int first;
    private int second;

    @BeforeEach
    void startBackend() throws IOException {
        backend = new TestBackend("A");
        first = RawHttp.freePort();
        second = RawHttp.freePort();
    }

    private void start(int total, int perListener) {
        PluginRegistry registry = new PluginRegistry(List.of(), Map.of(), Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, metrics,
                DataPlaneSettings.DEFAULTS.withMaxConnections(total, perListener));
        assertThat(dataPlane.apply(ir(
                socket("127.0.0.1", first, listener("a", "*", vhost("*", prefix("/", rule("a",
                        backend("a", 1, backend.port())))))),
                socket("127.0.0.1", second, listener("b", "*", vhost("*", prefix("/", rule("b",
                        backend("a", 1, backend.port())))))))))
                .isEmpty();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (dataPlane != null) {
            dataPlane.close();
        }
        backend.close();
    }

    @Test
    void connectionsBeyondTheTotalAreClosedUntilOthersEnd() throws Exception {
        start(3, 0);
        assertThat(metrics.limit).hasValue(3);
        Socket kept = connect(first);
        connect(first);
        connect(second);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metrics.open).hasValue(3));

        Socket beyondFirst = connect(first);
        Socket beyondSecond = connect(second);
        assertThat(closedByPeer(beyondFirst)).isTrue();
        assertThat(closedByPeer(beyondSecond)).isTrue();
        assertThat(metrics.refused).hasValue(2);

        // the connections within the limit are served; once one ends, a new client is served too
        assertThat(RawHttp.status(request(kept))).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metrics.open).hasValue(2));
        assertThat(RawHttp.status(request(connect(second)))).isEqualTo(200);
        assertThat(metrics.refused).hasValue(2);
    }

    @Test
    void eachListenerHasItsOwnLimitWithinTheTotal() throws Exception {
        start(0, 2);
        assertThat(metrics.limit).hasValue(0);
        connect(first);
        connect(first);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metrics.open).hasValue(2));

        assertThat(closedByPeer(connect(first))).isTrue();
        assertThat(RawHttp.status(request(connect(second)))).as("another listener is not affected").isEqualTo(200);
        assertThat(metrics.refused).hasValue(1);
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        sockets.add(socket);
        return socket;
    }

    /** Whether the gateway closed the connection (end of stream, or reset) rather than letting a read wait. */
    private static boolean closedByPeer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** {@code GET /} with {@code Connection: close}; the whole response. */
    private static String request(Socket socket) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
