package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transport setting, and the proxy over real loopback sockets on each transport this machine offers. */
@ExtendWith(NettyLeakDetection.class)
class IoTransportTest {

    private final String savedProperty = System.getProperty(IoTransport.PROPERTY);
    private NettyDataPlane dataPlane;
    private TestBackend backend;

    @AfterEach
    void stop() {
        if (savedProperty == null) {
            System.clearProperty(IoTransport.PROPERTY);
        } else {
            System.setProperty(IoTransport.PROPERTY, savedProperty);
        }
        if (dataPlane != null) {
            dataPlane.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void theSettingNamesATransportInAnyCaseAndDefaultsToAuto() {
        System.clearProperty(IoTransport.PROPERTY);
        assertThat(IoTransport.configured()).isEqualTo(IoTransport.AUTO);
        System.setProperty(IoTransport.PROPERTY, " io_uring ");
        assertThat(IoTransport.configured()).isEqualTo(IoTransport.IO_URING);
        System.setProperty(IoTransport.PROPERTY, "EPOLL");
        assertThat(IoTransport.configured()).isEqualTo(IoTransport.EPOLL);
        System.setProperty(IoTransport.PROPERTY, "nio");
        assertThat(IoTransport.configured()).isEqualTo(IoTransport.NIO);
    }

    @Test
    void anUnknownTransportIsAnErrorNamingTheSettingAndTheChoices() {
        System.setProperty(IoTransport.PROPERTY, "kqueue");
        assertThatThrownBy(IoTransport::configured)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lintel.eventLoops.transport: kqueue (expected: auto, io_uring, epoll or nio)");
    }

    @Test
    void autoTakesTheBestTransportAvailableHere() {
        IoTransport expected = IoUring.isAvailable() ? IoTransport.IO_URING
                : Epoll.isAvailable() ? IoTransport.EPOLL : IoTransport.NIO;
        assertThat(IoTransport.AUTO.resolve()).isEqualTo(expected);
        assertThat(IoTransport.NIO.resolve()).isEqualTo(IoTransport.NIO);
        try (EventLoops loops = new EventLoops(1, IoTransport.AUTO)) {
            assertThat(loops.transport()).isEqualTo(expected);
            assertThat(loops.transportName()).isEqualTo(expected.settingValue());
        }
    }

    @Test
    void falseForcesNioWhateverTheSetting() {
        System.setProperty(IoTransport.PROPERTY, "auto");
        try (EventLoops loops = new EventLoops(1, false)) {
            assertThat(loops.transportName()).isEqualTo("nio");
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
    void theProxyServesBodiesBothWaysAndReusesBackendConnections(IoTransport transport) throws Exception {
        assumeTrue(available(transport), transport + " is not available on this machine");
        backend = new TestBackend("A");
        int port = proxyTo(transport, backend.port());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] upload = new byte[1 << 20];
        new Random(7).nextBytes(upload);

        HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/big?n=" + (4 << 20))).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(upload);
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).isEqualTo(TestBackend.expectedBig(4 << 20));
        assertThat(backend.requests()).isEqualTo(2);
        assertThat(backend.clients()).as("the second request reuses the pooled backend connection").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
    void aBackendResetRightAfterPartOfItsResponseEndsTheClientConnection(IoTransport transport) throws Exception {
        assumeTrue(available(transport), transport + " is not available on this machine");
        // the reset follows 100 bytes of body at once: Netty 4.2.18's multishot polls missed it on io_uring
        try (StreamingBackend resetting = new StreamingBackend(1 << 20, 100)) {
            int port = proxyTo(transport, resetting.port());
            for (int i = 0; i < 20; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    client.setSoTimeout(10_000);
                    client.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] received = readUntilClosed(client.getInputStream());
                    assertThat(new String(received, StandardCharsets.US_ASCII))
                            .as("request %d: the head went out, then the connection was closed short of the body", i)
                            .startsWith("HTTP/1.1 200");
                    assertThat(received.length).as("request %d", i).isLessThan(1 << 20);
                }
            }
        }
    }

    /** Starts a data plane on {@code transport} that sends every request to the backend; returns its port. */
    private int proxyTo(IoTransport transport, int backendPort) throws IOException {
        int port = RawHttp.freePort();
        dataPlane = new NettyDataPlane(new EventLoops(1, transport), PluginRegistry.EMPTY, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("all", backend("b", 1, backendPort))))))))).isEmpty();
        return port;
    }

    /** Reads until the peer closes or resets; a read timeout (the gateway never noticed) fails the test. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the head is also an end
        }
        return out.toByteArray();
    }

    private static boolean available(IoTransport transport) {
        return switch (transport) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            default -> true;
        };
    }
}
