package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

/**
 * {@code bin/lintel} of the unpacked distribution, started as a user would start it: a separate process, its
 * output in a log file. Closing it stops the whole process tree.
 */
final class LintelProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LintelProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The unpacked distribution, from system property {@code lintel.home} (set by the failsafe configuration). */
    static Path home() {
        String home = System.getProperty("lintel.home");
        assertThat(home).as("system property lintel.home (the unpacked distribution)").isNotBlank();
        Path path = Paths.get(home).toAbsolutePath().normalize();
        assertThat(path.resolve("bin/lintel"))
                .as("the distribution's launcher; build it first with mvn package")
                .isExecutable();
        return path;
    }

    /** Starts {@code bin/lintel ARGS...}, logging stdout and stderr to {@code log}. */
    static LintelProcess start(Path log, String... args) throws IOException {
        return start(home(), log, args);
    }

    /** Starts {@code bin/lintel ARGS...} of the distribution in {@code home} (e.g. a copy with other plugins). */
    static LintelProcess start(Path home, Path log, String... args) throws IOException {
        return start(home, Map.of(), log, args);
    }

    /** Starts {@code bin/lintel ARGS...} of {@code home} with these environment variables added. */
    static LintelProcess start(Path home, Map<String, String> environment, Path log, String... args) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command(home, args))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new LintelProcess(builder.start(), log);
    }

    /**
     * Starts {@code lintel run} of {@code home} on the config directory {@code config} with its admin server on
     * {@code adminPort}, and waits (90 s at most) until it is ready.
     */
    static LintelProcess runReady(Path home, Path log, Path config, int adminPort) throws IOException {
        LintelProcess process = start(home, log, "run", "--config", config.toString(), "--admin",
                "127.0.0.1:" + adminPort);
        process.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        return process;
    }

    /** Runs {@code bin/lintel ARGS...} to completion; stdout goes to {@code log}, stderr to {@code log.stderr}. */
    static Result run(Path log, String... args) throws IOException, InterruptedException {
        return run(home(), log, args);
    }

    /** Runs {@code bin/lintel ARGS...} of the distribution in {@code home} to completion. */
    static Result run(Path home, Path log, String... args) throws IOException, InterruptedException {
        return run(home, Map.of(), log, args);
    }

    /** Runs {@code bin/lintel ARGS...} of {@code home} to completion with these environment variables added. */
    static Result run(Path home, Map<String, String> environment, Path log, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Path stderr = log.resolveSibling(log.getFileName() + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command(home, args))
                .redirectOutput(log.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lintel " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** What a finished command printed, and its exit code. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Both streams, for assertion messages. */
        String output() {
            return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    private static List<String> command(Path home, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/lintel").toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Waits until {@code GET url} answers 200 with a body starting with {@code ready}; fails at once, with the
     * log's tail, when the process exits first, and after {@code timeout} otherwise.
     */
    void awaitReady(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    return true;
                }
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().startsWith("ready");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("GET " + url + " did not answer 200 ready within " + timeout + "\n" + logTail(), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("lintel exited with code " + process.exitValue() + " before GET " + url
                    + " answered 200\n" + logTail());
        }
    }

    /** The JVM's process id (the launcher execs it, so it is the launched process's). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the process's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops the process and everything it started: politely first, as a supervisor would. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** A port that was free on 127.0.0.1 a moment ago (the process under test binds it later, so it may race). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether nothing listens on 127.0.0.1:{@code port} and it can be bound. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the assertion holds; on timeout, fails with the last assertion error and this gateway's log. */
    void awaitOrExplain(Duration timeout, ThrowingRunnable assertion) {
        try {
            await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + logTail(), e);
        }
    }
}
