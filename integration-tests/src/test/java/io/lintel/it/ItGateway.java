package io.lintel.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The set-up most end-to-end tests share: a config directory of the test's own holding the {@code lintel}
 * GatewayClass and a Gateway {@code it} with one HTTP listener on a free port, the files the test adds, and the
 * distribution serving it with its admin server on another free port, started and awaited (ready) as a user would.
 * Files written after the start are hot reloads.
 */
final class ItGateway implements AutoCloseable {

    private static final Path LOGS = Paths.get("target", "it-logs");

    private final Path work;
    private final Path config;
    private final int port = LintelProcess.freePort();
    private final int adminPort = LintelProcess.freePort();
    private LintelProcess process;

    private ItGateway(Path work) throws IOException {
        this.work = work;
        this.config = Files.createDirectories(work.resolve("config"));
        file("00-gatewayclass.yaml", Manifests.gatewayClass());
        file("10-gateway.yaml", Manifests.gateway("it", port));
    }

    /** A config directory under {@code work} with the GatewayClass and the Gateway {@code it}; nothing started yet. */
    static ItGateway in(Path work) throws IOException {
        return new ItGateway(work);
    }

    /** Writes (or replaces) a file of the config directory whole, as an atomic move. */
    ItGateway file(String name, String content) throws IOException {
        ConfigFiles.write(work, config, name, content);
        return this;
    }

    /** Starts the distribution on the directory (log {@code target/it-logs/<logName>.log}) and waits until it is ready. */
    ItGateway start(String logName, String... extraArguments) throws IOException {
        return start(logName, Map.of(), extraArguments);
    }

    /** As {@link #start(String, String...)}, with environment variables for {@code bin/lintel} (e.g. {@code LINTEL_OPTS}). */
    ItGateway start(String logName, Map<String, String> environment, String... extraArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("run", "--config", config.toString(),
                "--admin", "127.0.0.1:" + adminPort));
        arguments.addAll(List.of(extraArguments));
        process = LintelProcess.start(LintelProcess.home(), environment, LOGS.resolve(logName + ".log"),
                arguments.toArray(String[]::new));
        process.awaitReady(admin("/ready"), Duration.ofSeconds(90));
        return this;
    }

    /** The port of the Gateway's HTTP listener on 127.0.0.1. */
    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** {@code http://127.0.0.1:<admin port><path>}. */
    URI admin(String path) {
        return URI.create("http://127.0.0.1:" + adminPort + path);
    }

    Path config() {
        return config;
    }

    /** The running distribution; null before {@link #start}. */
    LintelProcess process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
