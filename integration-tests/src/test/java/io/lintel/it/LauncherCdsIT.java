package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing archive (bin/lintel, docs/scale.md): the first {@code lintel run} of an
 * installation trains it in the background, later starts map it, and nothing about it (a truncated or foreign
 * archive, nowhere to write one) ever stops a command or adds to its output. Runs on a copy of the distribution, so
 * that the archive starts absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherCdsIT {

    private static final Path LOGS = Paths.get("target", "it-logs", "launcher-cds");

    @TempDir
    static Path work;

    private static Path home;
    private static Path config;

    @BeforeAll
    static void copyDistribution() throws IOException {
        home = FileTrees.copy(LintelProcess.home(), work.resolve("lintel"));
        FileTrees.delete(home.resolve("var"));
        config = Files.createDirectories(work.resolve("config"));
        int backend = LintelProcess.freePort();
        Files.writeString(config.resolve("gateway.yaml"), Manifests.gatewayClass() + "---\n"
                + Manifests.gateway("cds", LintelProcess.freePort()) + "---\n" + Manifests.route("r", "cds", "s")
                + "---\n" + Manifests.serviceWithEndpoint("s", backend));
    }

    @Test
    @Order(1)
    void theFirstRunTrainsAnArchiveThatTheNextRunMaps() throws Exception {
        try (LintelProcess first = startAndAwaitReady("first-run.log")) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(archives()).as("archives in %s", home.resolve("var/cds")).hasSize(1));
        }
        Path archive = archives().get(0);
        assertThat(archive.getFileName().toString()).endsWith("-" + Files.size(archive) + ".jsa");
        try (LintelProcess second = startAndAwaitReady("second-run.log")) {
            String maps = Files.readString(Path.of("/proc", Long.toString(second.pid()), "maps"));
            assertThat(maps).as("the JVM maps the archive").contains(archive.toString());
        }
    }

    @Test
    @Order(2)
    void aForeignArchiveIsIgnoredQuietly() throws Exception {
        Path archive = archives().get(0);
        byte[] noise = new byte[(int) Files.size(archive)];
        new Random(12).nextBytes(noise);
        Files.delete(archive);
        Files.write(archive, noise);

        assertQuietVersion("foreign-archive.log", Map.of());
        try (LintelProcess run = startAndAwaitReady("foreign-archive-run.log")) {
            assertThat(run.isAlive()).isTrue();
        }
    }

    @Test
    @Order(3)
    void aTruncatedArchiveIsNotMapped() throws Exception {
        Path archive = archives().get(0);
        byte[] start = Files.readAllBytes(archive);
        Files.delete(archive);
        // the name still says the full size; mapping a truncated archive would crash the JVM (SIGBUS)
        Files.write(archive, java.util.Arrays.copyOf(start, start.length / 3));

        assertQuietVersion("truncated-archive.log", Map.of());
    }

    @Test
    @Order(4)
    void withNowhereToWriteItStartsWithout() throws Exception {
        FileTrees.delete(home.resolve("var"));
        Files.writeString(home.resolve("var"), "a file where the launcher would make a directory\n");
        Path file = Files.writeString(work.resolve("not-a-directory"), "");
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", file.resolve("cache").toString(),
                "HOME", file.toString());

        assertQuietVersion("read-only.log", environment);
        try (LintelProcess run = startAndAwaitReady("read-only-run.log", environment)) {
            assertThat(run.isAlive()).isTrue();
        }
    }

    @Test
    @Order(5)
    void lintelCdsOffTurnsItOff() throws Exception {
        Files.deleteIfExists(home.resolve("var"));
        try (LintelProcess run = startAndAwaitReady("cds-off-run.log", Map.of("LINTEL_CDS", "off"))) {
            assertThat(run.isAlive()).isTrue();
        }
        Thread.sleep(2_000);
        assertThat(home.resolve("var/cds")).doesNotExist();
    }

    private static LintelProcess startAndAwaitReady(String log) throws IOException {
        return startAndAwaitReady(log, Map.of());
    }

    private static LintelProcess startAndAwaitReady(String log, Map<String, String> environment) throws IOException {
        int admin = LintelProcess.freePort();
        LintelProcess process = LintelProcess.start(home, environment, LOGS.resolve(log), "run", "--config",
                config.toString(), "--admin", "127.0.0.1:" + admin);
        try {
            process.awaitReady(URI.create("http://127.0.0.1:" + admin + "/ready"), Duration.ofSeconds(60));
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return process;
    }

    /** {@code lintel version} exits 0 and prints only its version lines: no warning from the JVM about the archive. */
    private static void assertQuietVersion(String log, Map<String, String> environment) throws Exception {
        LintelProcess.Result result = LintelProcess.run(home, environment, LOGS.resolve(log), "version");
        assertThat(result.exitCode()).as("lintel version\n%s", result.output()).isZero();
        assertThat(result.stdout()).as(result.output()).startsWith("lintel ");
        assertThat(result.stderr()).as(result.output()).isEmpty();
    }

    private static List<Path> archives() throws IOException {
        Path directory = home.resolve("var/cds");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".jsa")).toList();
        }
    }
}
