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

import io.lintel.core.testing.RawHttp2Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection settings of {@link DataPlaneSettings} on real sockets: the request head limits
 * ({@code request.maxLineBytes}, {@code request.maxHeaderBytes}) on HTTP/1.1 and HTTP/2, the client idle timeout
 * ({@code connections.idleTimeoutSeconds}) on both, and the idle backend connections kept
 * ({@code backend.maxIdleConnections}).
 */
@ExtendWith(NettyLeakDetection.class)
class ConnectionSettingsTest {

    /** How long a client waits for what it expects; far beyond the one-second idle timeout of these tests. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private LoopbackDataPlane dataPlane;
    private TestBackend backend;

    private void start(DataPlaneSettings settings) throws IOException {
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start(settings);
        dataPlane.apply(ir(socket("127.0.0.1", dataPlane.port(), listener("l", "*", vhost("*",
                prefix("/", rule("all", backend("b", 1, backend.port()))))))));
    }

    @AfterEach
    void stop() {
        if (dataPlane != null) {
            dataPlane.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void http1RequestLinesAndHeaderBlocksAboveTheSettingsAreRefusedAndThoseWithinAreServed() throws Exception {
        start(DataPlaneSettings.DEFAULTS.withRequestHeadLimits(256, 1024));

        // request line "GET /aaa… HTTP/1.1": 214 bytes, then 314
        assertThat(RawHttp.status(get("/" + "a".repeat(200), 0))).isEqualTo(200);
        assertThat(RawHttp.status(get("/" + "a".repeat(300), 0))).isEqualTo(414);
        // header block: Host, X-Fill and Connection, about 940 bytes, then about 1 140
        assertThat(RawHttp.status(get("/", 900))).isEqualTo(200);
        assertThat(RawHttp.status(get("/", 1100))).isEqualTo(431);
        assertThat(backend.requests()).as("refused requests are not forwarded").isEqualTo(2);
    }

    @Test
    void http2HeaderListsAboveTheSettingGet431AndThoseWithinAreServed() throws Exception {
        start(DataPlaneSettings.DEFAULTS.withRequestHeadLimits(8192, 1024));

        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            // the header list size counts each field's name and value plus 32: 912 bytes, then 1 312
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/").add("x-fill", "f".repeat(700)), true)
                    .flush();
            assertThat(client.awaitResponse(1).status()).isEqualTo(200);
            client.headers(3, RawHttp2Client.request("GET", "a.example", "/").add("x-fill", "f".repeat(1100)), true)
                    .flush();
            assertThat(client.awaitResponse(3).status()).isEqualTo(431);
            // a stream error only: the connection goes on serving
            client.headers(5, RawHttp2Client.request("GET", "a.example", "/"), true).flush();
            assertThat(client.awaitResponse(5).status()).isEqualTo(200);
        }
        assertThat(backend.requests()).isEqualTo(2);
    }

    @Test
    void anHttp1ConnectionIdleForTheTimeoutIsClosedButNotWhileItsRequestIsAnswered() throws Exception {
        start(DataPlaneSettings.DEFAULTS.withClientIdleTimeout(Duration.ofSeconds(1)));

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: a.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(backend.awaitSlowRequest()).isTrue();
            // the client sends nothing for twice the timeout while its request waits for the backend
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> in.available() == 0);
            backend.releaseSlow();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("A slow");

            // between requests now: the gateway closes the connection (a read times out after WAIT otherwise)
            assertThat(in.read()).isEqualTo(-1);
        }
        try (Socket silent = connect()) {
            assertThat(silent.getInputStream().read()).as("a connection that never sends").isEqualTo(-1);
        }
    }

    @Test
    void anHttp2ConnectionWithoutOpenStreamsIsClosedAfterTheIdleTimeout() throws Exception {
        start(DataPlaneSettings.DEFAULTS.withClientIdleTimeout(Duration.ofSeconds(1)));

        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/"), true).flush();
            assertThat(client.awaitResponse(1).status()).isEqualTo(200);

            // GOAWAY NO_ERROR, or the close itself; a read times out after 10 s otherwise
            assertThat(client.awaitGoAwayOrClose()).isIn(0L, -1L);
        }
    }

    @Test
    void withNoIdleBackendConnectionsKeptEachRequestConnectsAgain() throws Exception {
        start(DataPlaneSettings.DEFAULTS.withBackendConnections(Duration.ofSeconds(5), Duration.ofSeconds(60), 0));

        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.status(get("/", 0))).isEqualTo(200);
        }

        assertThat(backend.clients()).as("one backend connection per request").hasSize(3);
    }

    @Test
    void byDefaultBackendConnectionsAreReused() throws Exception {
        start(DataPlaneSettings.DEFAULTS);

        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.status(get("/", 0))).isEqualTo(200);
        }

        // pools are per event loop, and the data plane has two: at most one connection each
        assertThat(backend.clients()).hasSizeLessThanOrEqualTo(2);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), dataPlane.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** One request with {@code Connection: close} and, when {@code fillBytes} > 0, a header of that many bytes. */
    private String get(String path, int fillBytes) throws IOException {
        String fill = fillBytes == 0 ? "" : "X-Fill: " + "f".repeat(fillBytes) + "\r\n";
        return RawHttp.exchange(dataPlane.port(),
                "GET " + path + " HTTP/1.1\r\nHost: a.example\r\n" + fill + "Connection: close\r\n\r\n");
    }

    /** Reads one response with a {@code Content-Length} body, and returns it as text. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
