package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * A copy of the built distribution that a test may change (remove a plugin from), with a configuration directory and
 * an admin port of its own; it runs one gateway at a time, and its logs are named after the test. What the ITs that
 * check a plugin's removal (kinds, features, status) share.
 */
final class DistributionCopy implements AutoCloseable {

    private static final Path LOGS = Paths.get("target", "it-logs");

    private final String test;
    private final Path home;
    private final Path config;
    private final int adminPort;
    private LintelProcess running;

    private DistributionCopy(String test, Path home, Path config, int adminPort) {
        this.test = test;
        this.home = home;
        this.config = config;
        this.adminPort = adminPort;
    }

    /** Copies the distribution into {@code work/lintel}, with an empty {@code work/config}. */
    static DistributionCopy in(Path work, String test) throws IOException {
        return new DistributionCopy(test, FileTrees.copy(LintelProcess.home(), work.resolve("lintel")),
                Files.createDirectories(work.resolve("config")), LintelProcess.freePort());
    }

    Path config() {
        return config;
    }

    int adminPort() {
        return adminPort;
    }

    /** Starts the gateway on the configuration (stopping the one running), logging to {@code <test>-<variant>.log}. */
    LintelProcess start(String variant) throws IOException {
        stop();
        running = LintelProcess.runReady(home, LOGS.resolve(test + "-" + variant + ".log"), config, adminPort);
        return running;
    }

    /** Stops the running gateway and deletes the plugin's directory, which must exist. */
    void removePlugin(String name) throws IOException {
        stop();
        Path plugin = home.resolve("plugins").resolve(name);
        assertThat(plugin).as("the plugin directory to remove").isDirectory();
        FileTrees.delete(plugin);
    }

    /** What {@code lintel features} of this copy lists. */
    List<String> features() throws IOException, InterruptedException {
        LintelProcess.Result features = LintelProcess.run(home, LOGS.resolve(test + "-features.log"), "features");
        return List.of(features.stdout().strip().split(","));
    }

    private void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
