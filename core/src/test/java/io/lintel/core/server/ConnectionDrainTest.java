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
import static org.awaitility.Awaitility.await;

import io.lintel.core.testing.RawHttp2Client;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Graceful shutdown ({@link NettyDataPlane#drain}) on real loopback sockets: the listening socket closes first, a
 * request in flight is answered (with {@code Connection: close} on HTTP/1.1, after GOAWAY on HTTP/2), an idle
 * keep-alive connection closes at once, and the drain never outlasts its bound.
 */
@ExtendWith(NettyLeakDetection.class)
class ConnectionDrainTest {

    /** Far longer than any drain here should take: a drain that ends is one that did not wait for it. */
    private static final Duration LONG_BOUND = Duration.ofSeconds(60);

    private LoopbackDataPlane dataPlane;
    private TestBackend backend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start();
        port = dataPlane.port();
        dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("all", backend("a", 1, backend.port()))))))));
    }

    @AfterEach
    void stop() {
        backend.releaseSlow();
        dataPlane.close();
        backend.close();
    }

    private CompletableFuture<Integer> drainInBackground(Duration bound) {
        return CompletableFuture.supplyAsync(() -> dataPlane.dataPlane().drain(bound));
    }

    private Socket connect() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
        client.setSoTimeout(30_000);
        return client;
    }

    private void awaitRefused() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                        .isInstanceOf(ConnectException.class));
    }

    @Test
    void aRequestInFlightIsAnsweredWithConnectionCloseWhileNewConnectionsAreRefused() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(backend.awaitSlowRequest()).isTrue();

            CompletableFuture<Integer> drain = drainInBackground(LONG_BOUND);
            awaitRefused();
            assertThat(drain).isNotDone();

            backend.releaseSlow();
            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close")
                    .endsWith("A slow");
            // the last connection closed: the drain ends without waiting for its bound
            assertThat(drain.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtOnce() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            String head = readUntil(in, "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            assertThat(new String(RawHttp.readN(in, 1), StandardCharsets.US_ASCII)).isEqualTo("A");

            CompletableFuture<Integer> drain = drainInBackground(LONG_BOUND);

            assertThat(in.read()).as("the idle connection is closed by the gateway").isEqualTo(-1);
            assertThat(drain.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void anHttp2StreamInFlightFinishesAfterGoAwayAndTheConnectionThenCloses() throws Exception {
        // a raw client: the JDK's (17) drops every stream of a connection on GOAWAY, which is what GOAWAY avoids
        try (RawHttp2Client client = RawHttp2Client.connect(port)) {
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/slow"), true).flush();
            assertThat(backend.awaitSlowRequest()).isTrue();

            CompletableFuture<Integer> drain = drainInBackground(LONG_BOUND);
            RawHttp2Client.Frame goAway = client.readFrame();
            while (goAway.type() != RawHttp2Client.GOAWAY) {
                goAway = client.readFrame();
            }
            assertThat(goAway.errorCode()).as("NO_ERROR").isZero();
            assertThat(ByteBuffer.wrap(goAway.payload()).getInt()).as("last stream id").isEqualTo(1);
            awaitRefused();
            assertThat(drain).isNotDone();

            backend.releaseSlow();
            RawHttp2Client.Response response = client.awaitResponse(1);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("A slow");
            // Netty's codec closes the connection once its last stream has ended
            assertThatThrownBy(client::readFrame).isInstanceOf(EOFException.class);
            assertThat(drain.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void theDrainIsBoundedAndClosesWhatIsStillOpen() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(backend.awaitSlowRequest()).isTrue();

            long start = System.nanoTime();
            int stillOpen = dataPlane.dataPlane().drain(Duration.ofMillis(500));

            assertThat(stillOpen).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(client.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
    }

    @Test
    void aZeroBoundClosesEverythingAtOnce() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(backend.awaitSlowRequest()).isTrue();

            assertThat(dataPlane.dataPlane().drain(Duration.ZERO)).isEqualTo(1);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            awaitRefused();
        }
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }
}
