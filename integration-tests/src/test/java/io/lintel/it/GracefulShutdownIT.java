package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, graceful shutdown of the distribution: SIGTERM during a request in flight; the request is answered, the
 * admin server says "draining" meanwhile, and new connections are refused. The drain's bound comes from a settings
 * file ({@code --settings}), so this also runs a valid settings file end to end.
 */
class GracefulShutdownIT {

    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer backend;
    private LintelProcess lintel;

    @AfterEach
    void stop() {
        release.countDown();
        if (lintel != null) {
            lintel.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    /** A backend whose answers wait for {@link #release}. */
    private int startHeldBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.setExecutor(Executors.newCachedThreadPool());
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "held\n".getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/held")) {
                arrived.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        return backend.getAddress().getPort();
    }

    @Test
    void sigtermLetsARequestInFlightFinishWhileReadySaysDrainingAndNewConnectionsAreRefused() throws Exception {
        int backendPort = startHeldBackend();
        int gatewayPort = LintelProcess.freePort();
        int adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        ConfigFiles.write(work, config, "20-app.yaml", Manifests.route("r", "it", "app") + "---\n"
                + Manifests.serviceWithEndpoint("app", backendPort));
        Path settings = work.resolve("lintel.yaml");
        Files.writeString(settings, "shutdown:\n  drainSeconds: 60\nadmin.address: 127.0.0.1:" + adminPort + "\n");
        lintel = LintelProcess.start(LOGS.resolve("GracefulShutdownIT.log"),
                "run", "--config", config.toString(), "--settings", settings.toString());
        URI ready = URI.create("http://127.0.0.1:" + adminPort + "/ready");
        lintel.awaitReady(ready, Duration.ofSeconds(90));
        lintel.awaitOrExplain(Duration.ofSeconds(30),
                () -> assertThat(ItHttp.get(gatewayPort, "/").statusCode()).isEqualTo(200));

        CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/held"))
                        .timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the request reached the backend").isTrue();

        ProcessHandle.of(lintel.pid()).orElseThrow().destroy(); // SIGTERM, as a supervisor stops it

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            HttpResponse<String> draining = CLIENT.send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(draining.statusCode()).isEqualTo(503);
            assertThat(draining.body()).startsWith("draining");
        });
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThatThrownBy(
                () -> new Socket(InetAddress.getLoopbackAddress(), gatewayPort).close())
                .isInstanceOf(ConnectException.class));
        assertThat(inFlight).isNotDone();

        release.countDown();
        HttpResponse<String> answered = inFlight.get(60, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("held\n");

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(lintel.isAlive()).isFalse());
        assertThat(Files.readString(LOGS.resolve("GracefulShutdownIT.log")))
                .contains("drain finished: 0 client connection(s) still open were closed");
    }
}
