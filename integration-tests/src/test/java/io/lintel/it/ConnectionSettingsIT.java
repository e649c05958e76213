package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection settings as a user sets them, in a settings file ({@code lintel run --settings FILE}): a small
 * {@code request.maxHeaderBytes} gets a header block above it 431 while one below it is served, and a one-second
 * {@code connections.idleTimeoutSeconds} closes a client connection that sends nothing (the default is 75 s).
 */
class ConnectionSettingsIT {

    private static final int MAX_HEADER_BYTES = 2048;

    @TempDir
    static Path work;

    private static NamedBackend app;
    private static ItGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        app = new NamedBackend("app");
        Path settings = work.resolve("lintel.yaml");
        Files.writeString(settings, """
                request:
                  maxHeaderBytes: %d
                connections:
                  idleTimeoutSeconds: 1
                """.formatted(MAX_HEADER_BYTES));
        gateway = ItGateway.in(work)
                .file("20-services.yaml", Manifests.serviceWithEndpoint("app", app.port()))
                .file("30-routes.yaml", Manifests.route("app", "it", "app"))
                .start("ConnectionSettingsIT", "--settings", settings.toString());
        gateway.process().awaitOrExplain(Duration.ofSeconds(30),
                () -> assertThat(ItHttp.get(gateway.port(), "/").statusCode()).isEqualTo(200));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aHeaderBlockAboveTheSettingGets431AndOneBelowIsServed() throws Exception {
        RawHttp1.Response within = RawHttp1.exchange(gateway.port(), request(MAX_HEADER_BYTES - 200));
        RawHttp1.Response above = RawHttp1.exchange(gateway.port(), request(MAX_HEADER_BYTES + 200));

        assertThat(within.status()).as(within.head()).isEqualTo(200);
        assertThat(within.body()).isEqualTo("app\n");
        assertThat(above.status()).as(above.head()).isEqualTo(431);
    }

    @Test
    void aClientConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = RawHttp1.connect(gateway.port())) {
            // the read times out after 10 s (and fails the test) unless the gateway closes the connection
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aKeptAliveConnectionIsServedThenClosedWhenIdle() throws Exception {
        try (Socket socket = RawHttp1.connect(gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: a.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // no Connection: close: everything read until the close is the response, then the idle close
            RawHttp1.Response response = RawHttp1.readUntilClosed(socket.getInputStream());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("app\n");
        }
    }

    /** A request whose header block (Host, X-Fill, Connection) is about {@code bytes} long. */
    private static String request(int bytes) {
        String fill = "f".repeat(bytes - "Host: a.example\r\nX-Fill: \r\nConnection: close\r\n".length());
        return "GET / HTTP/1.1\r\nHost: a.example\r\nX-Fill: " + fill + "\r\nConnection: close\r\n\r\n";
    }
}
