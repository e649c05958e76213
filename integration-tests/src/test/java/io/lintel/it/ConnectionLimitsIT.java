package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, connection exhaustion: with a small client connection limit ({@code -Dlintel.connections.max} in
 * {@code LINTEL_OPTS}), idle connections up to the limit stay open and are served, those beyond it are closed as
 * soon as they are accepted, the admin server answers throughout, and once idle connections go new clients are
 * served again.
 */
class ConnectionLimitsIT {

    private static final int LIMIT = 20;
    private static final int EXTRA = 5;

    @TempDir
    static Path work;

    private static NamedBackend app;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void start() throws IOException {
        app = new NamedBackend("app");
        ItGateway gateway = ItGateway.in(work)
                .file("20-service.yaml", Manifests.serviceWithEndpoint("app", app.port()))
                .file("30-route.yaml", Manifests.route("app", "it", "app"))
                .start("ConnectionLimitsIT", Map.of("LINTEL_OPTS", "-Dlintel.connections.max=" + LIMIT));
        gatewayPort = gateway.port();
        adminPort = gateway.adminPort();
        lintel = gateway.process();
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(getOverNewConnection()).startsWith("HTTP/1.1 200"));
    }

    @AfterAll
    static void stop() {
        if (lintel != null) {
            lintel.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndTheAdminServerStillAnswers() throws Exception {
        // connections of the start-up checks may still be closing: count from a quiet gateway
        lintel.awaitOrExplain(Duration.ofSeconds(30),
                () -> assertThat(metric("lintel_client_connections")).isZero());
        long refusedBefore = metric("lintel_client_connections_refused_total");
        assertThat(metric("lintel_client_connections_limit")).isEqualTo(LIMIT);

        List<Socket> idle = new ArrayList<>();
        List<Socket> extra = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                idle.add(connect());
            }
            lintel.awaitOrExplain(Duration.ofSeconds(30),
                    () -> assertThat(metric("lintel_client_connections")).isEqualTo(LIMIT));
            for (int i = 0; i < EXTRA; i++) {
                extra.add(connect());
            }

            for (Socket socket : extra) {
                assertThat(closedByPeer(socket)).as("a connection beyond the limit is closed at once").isTrue();
            }
            lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(
                    metric("lintel_client_connections_refused_total") - refusedBefore).isEqualTo(EXTRA));
            // at the limit the admin server is the client that must still be served, within the suite's bound
            long asked = System.nanoTime();
            assertThat(ItHttp.get(adminPort, "/ready").statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - asked) / 1e6).as("/ready at the connection limit (ms)")
                    .isLessThan(VictimClient.MAX_LATENCY_MILLIS);
            assertThat(ItHttp.get(adminPort, "/metrics").statusCode()).isEqualTo(200);
            assertThat(metric("lintel_client_connections")).isEqualTo(LIMIT);

            // a connection within the limit was kept, and is served
            Socket kept = idle.remove(0);
            assertThat(request(kept)).startsWith("HTTP/1.1 200").endsWith("app\n");
            kept.close();
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
            for (Socket socket : extra) {
                socket.close();
            }
        }

        // the idle connections are gone: new clients are served again
        lintel.awaitOrExplain(Duration.ofSeconds(30),
                () -> assertThat(metric("lintel_client_connections")).isZero());
        assertThat(getOverNewConnection()).startsWith("HTTP/1.1 200");
        assertThat(lintel.logTail()).contains("refused", "lintel.connections.max");
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), gatewayPort);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Whether the gateway closed the connection (end of stream, or reset) rather than letting a read wait. */
    private static boolean closedByPeer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;  // reset: the gateway closed before the client's close reached it
        }
    }

    /** {@code GET /} with {@code Connection: close} on a new connection; the whole response. */
    private static String getOverNewConnection() throws IOException {
        try (Socket socket = connect()) {
            return request(socket);
        }
    }

    /** {@code GET /} with {@code Connection: close} on {@code socket}; the whole response. */
    private static String request(Socket socket) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: it\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** The value of one series in the admin server's {@code /metrics}, 0 when it is absent. */
    private static long metric(String series) throws IOException, InterruptedException {
        String text = ItHttp.get(adminPort, "/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+]+)$").matcher(text);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    }
}
