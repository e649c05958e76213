package io.lintel.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis ({@code redis-server} from the PATH, Debian's package) on a free loopback port, without persistence,
 * that a test can stop and start again on the same port. Tests using it are skipped where the binary is missing.
 */
final class RedisServer implements AutoCloseable {

    private static final String BINARY = "redis-server";

    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts one, or skips the calling test when {@code redis-server} is not installed. */
    static RedisServer start(Path log) throws IOException {
        assumeTrue(installed(), BINARY + " is not on the PATH (Debian: apt-get install -y redis-server); "
                + "the Redis rate-limit tests need a real Redis");
        RedisServer server = new RedisServer(LintelProcess.freePort(), log);
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** (Re)starts the server on its port and waits until it accepts connections. */
    void start() throws IOException {
        process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        await().atMost(Duration.ofSeconds(20)).until(this::accepts);
    }

    /** Stops the server (its connections close) and waits until the port refuses connections. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean installed() {
        try {
            Process version = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
