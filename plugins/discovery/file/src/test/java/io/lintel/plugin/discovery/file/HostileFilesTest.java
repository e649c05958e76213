package io.lintel.plugin.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.store.ResourceStore;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile configuration files (issue #14): each is refused or bounded with a problem naming the file (and the limit
 * with its setting), the last good content keeps serving, the source stays alive (a later valid change applies) and
 * says whether it is healthy. Big inputs are generated here, not committed; waits are awaitility conditions.
 */
class HostileFilesTest {

    @TempDir
    Path directory;

    @TempDir
    Path outside;

    private final ResourceStore store = new ResourceStore(snapshot -> { }, Duration.ofMillis(10));
    private ConfigSource source;

    @AfterEach
    void tearDown() {
        if (source != null) {
            source.close();
        }
        store.close();
    }

    @Test
    void nesting10000DeepIsRefusedAndTheSourceLivesOn() throws Exception {
        String deep = service("two") + "  labels: {k: " + "[".repeat(10_000) + "]".repeat(10_000) + "}\n";
        assertRefusedThenRecovers(deep, "nests mappings and sequences more than 64 deep (maxNestingDepth)");
    }

    @Test
    void aHugeScalarIsRefused() throws Exception {
        String huge = service("two") + "  annotations:\n    a: \"" + "x".repeat(2 << 20) + "\"\n";
        assertRefusedThenRecovers(huge, "holds a scalar of 2 MiB, more than maxScalarBytes (1 MiB)");
    }

    @Test
    void aFileOverMaxFileBytesIsRefusedBeforeItIsRead() throws Exception {
        // 9 MiB of comments: refused on its size, never parsed
        String big = service("two") + ("#" + "x".repeat(1023) + "\n").repeat(9 * 1024);
        assertRefusedThenRecovers(big, "9.0 MiB is more than maxFileBytes (8 MiB); the file's previous content is kept");
    }

    @Test
    void maxFileBytesIsASetting() throws Exception {
        write("a.yaml", service("one"));
        start(Map.of("maxFileBytes", "1KiB"));
        await().until(() -> names().equals(List.of("one")));

        write("a.yaml", service("two") + "# " + "x".repeat(2000) + "\n");
        assertProblem("a.yaml", "is more than maxFileBytes (1 KiB)");
        assertThat(names()).containsExactly("one");
    }

    @Test
    void manyDocumentsAreRefused() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            many.append("---\n").append(service("s" + i));
        }
        assertRefusedThenRecovers(many.toString(), "holds more than 10000 documents (maxDocuments)");
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        StringBuilder bomb = new StringBuilder(service("two")).append("  labels: {}\nspec:\n  l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("  l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
        }
        assertRefusedThenRecovers(bomb.toString(), "aliases that expand to more than 100000 nodes (maxAliases x 1000)");
    }

    @Test
    void aSymbolicLinkLoopIsReportedAndTheLastGoodContentKept() throws Exception {
        write("a.yaml", service("one"));
        start(Map.of());
        await().until(() -> names().equals(List.of("one")));

        Files.createSymbolicLink(directory.resolve("loop-b.yaml"), directory.resolve("loop-c.yaml"));
        Files.createSymbolicLink(directory.resolve("loop-c.yaml"), directory.resolve("loop-b.yaml"));
        // a.yaml itself becomes a link into the loop, replaced atomically
        Files.createSymbolicLink(directory.resolve(".a.tmp"), directory.resolve("loop-b.yaml"));
        Files.move(directory.resolve(".a.tmp"), directory.resolve("a.yaml"), StandardCopyOption.ATOMIC_MOVE);

        assertProblem("a.yaml", "is a symbolic link loop");
        assertProblem("loop-b.yaml", "is a symbolic link loop");
        assertThat(names()).containsExactly("one");
        assertAliveAndHealthy();
    }

    @Test
    void aLinkToNothingIsReported() throws Exception {
        Files.createSymbolicLink(directory.resolve("dangling.yaml"), directory.resolve("missing.yaml"));
        start(Map.of());
        assertProblem("dangling.yaml", "is a symbolic link to a file that does not exist");
        assertAliveAndHealthy();
    }

    @Test
    void linksOutOfTheDirectoryAreFollowedAsConfigMapMountsNeed() throws Exception {
        // The layout of a ConfigMap volume: routes.yaml -> ..data/routes.yaml, ..data -> ..<timestamp>/
        Files.createDirectory(directory.resolve("..2026_12_06_1"));
        Files.writeString(directory.resolve("..2026_12_06_1/routes.yaml"), service("one"));
        Files.createSymbolicLink(directory.resolve("..data"), Path.of("..2026_12_06_1"));
        Files.createSymbolicLink(directory.resolve("routes.yaml"), Path.of("..data/routes.yaml"));
        Path elsewhere = Files.writeString(outside.resolve("shared.yaml"), service("shared"));
        Files.createSymbolicLink(directory.resolve("shared.yaml"), elsewhere);
        start(Map.of());
        await().until(() -> names().equals(List.of("one", "shared")));

        // the kubelet's update: a new timestamped directory, then ..data swapped to it atomically
        Files.createDirectory(directory.resolve("..2026_12_06_2"));
        Files.writeString(directory.resolve("..2026_12_06_2/routes.yaml"), service("two"));
        Files.createSymbolicLink(directory.resolve("..data_tmp"), Path.of("..2026_12_06_2"));
        Files.move(directory.resolve("..data_tmp"), directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        await().until(() -> names().equals(List.of("shared", "two")));
        assertThat(store.current().sourceProblems()).isEmpty();
    }

    @Test
    void aFifoIsReportedWithoutBlocking() throws Exception {
        write("a.yaml", service("one"));
        mkfifo(directory.resolve("pipe.yaml"));
        start(Map.of()); // would block for ever if the FIFO were opened for reading
        await().until(() -> names().equals(List.of("one")));
        assertProblem("pipe.yaml", "is not a regular file (a FIFO, socket or device)");

        // a manifest replaced by a FIFO keeps its last good content
        mkfifo(directory.resolve(".fifo.tmp"));
        Files.move(directory.resolve(".fifo.tmp"), directory.resolve("a.yaml"), StandardCopyOption.ATOMIC_MOVE);
        assertProblem("a.yaml", "is not a regular file");
        assertThat(names()).containsExactly("one");
        assertAliveAndHealthy();
    }

    @Test
    void aFileSwappedForAFifoBetweenTheCheckAndTheOpenIsReleasedAndReported() throws Exception {
        write("a.yaml", service("one"));
        FileConfigSource fileSource = new FileConfigSource(directory, Duration.ofMillis(200), Duration.ofMillis(10));
        source = fileSource;
        source.start(store.sinkFor("file"));
        await().until(() -> names().equals(List.of("one")));

        AtomicBoolean swapped = new AtomicBoolean();
        fileSource.beforeOpen = file -> {
            if (file.getFileName().toString().equals("a.yaml") && !swapped.getAndSet(true)) {
                try {
                    mkfifo(directory.resolve(".fifo.tmp"));
                    Files.move(directory.resolve(".fifo.tmp"), file, StandardCopyOption.ATOMIC_MOVE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        write("a.yaml", service("two"));

        // the watcher is blocked opening the FIFO: the source says so...
        await().atMost(Duration.ofSeconds(30)).until(() -> !source.healthy());
        assertThat(source.describe()).contains("reading " + directory.resolve("a.yaml") + " has not finished after");
        // ...until the watchdog releases the read, and the file is refused ("was replaced while it was read by
        // something that is not a regular file", then, once the next rescan has examined it, "is not a regular file")
        assertProblem("a.yaml", "not a regular file");
        assertThat(names()).containsExactly("one");
        assertAliveAndHealthy();
    }

    @Test
    void aDirectoryNamedLikeAManifestIsReported() throws Exception {
        Files.createDirectory(directory.resolve("dir.yaml"));
        start(Map.of());
        assertProblem("dir.yaml", "is a directory");
        assertAliveAndHealthy();
    }

    @Test
    void aFileRewrittenInPlaceEndsWithItsFinalContent() throws Exception {
        write("a.yaml", service("one"));
        start(Map.of());
        await().until(() -> names().equals(List.of("one")));

        byte[] next = (service("two") + "  labels: {app: two}\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(directory.resolve("a.yaml"), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(next, 0, next.length - 8); // "labels: {app: t": not YAML yet
            out.flush();
            out.write(next, next.length - 8, 8);
        }
        await().until(() -> names().equals(List.of("two")) && store.current().sourceProblems().isEmpty());
        assertThat(store.current().documents().get(key("two")).content().get("metadata").toString()).contains("app=two");
    }

    @Test
    void anErrorInTheWatcherIsReportedAndTheWatcherGoesOn() throws Exception {
        write("a.yaml", service("one"));
        AtomicBoolean fail = new AtomicBoolean();
        ResourceSink sink = store.sinkFor("file");
        ResourceSink failing = new ResourceSink() {
            @Override
            public void replaceOrigin(String origin, List<KubernetesDocument> documents) {
                if (fail.get()) {
                    throw new StackOverflowError("injected");
                }
                sink.replaceOrigin(origin, documents);
            }

            @Override
            public void upsert(KubernetesDocument document) {
                sink.upsert(document);
            }

            @Override
            public void delete(ResourceKey key) {
                sink.delete(key);
            }

            @Override
            public void reportProblems(String origin, List<ConfigProblem> problems) {
                sink.reportProblems(origin, problems);
            }

            @Override
            public void markSynced() {
                sink.markSynced();
            }

            @Override
            public void batch(Runnable changes) {
                sink.batch(changes);
            }
        };
        source = new FileConfigSourceFactory().create(
                Map.of("directory", directory.toString(), "rescanIntervalMillis", "200"), null);
        source.start(failing);
        await().until(() -> names().equals(List.of("one")));

        fail.set(true);
        write("b.yaml", service("two"));
        // every pass throws: the source says so (on /ready's detail line) instead of dying
        await().until(() -> !source.healthy());
        assertThat(source.describe()).contains("the watcher failed (java.lang.StackOverflowError: injected); retrying")
                .endsWith("serving the last content read");
        assertThat(names()).containsExactly("one");

        fail.set(false);
        // the watcher lives on, and reads again what the failed passes did not push
        await().until(() -> names().equals(List.of("one", "two")) && source.healthy());
        write("c.yaml", service("three"));
        await().until(() -> names().equals(List.of("one", "three", "two")));
    }

    private void assertRefusedThenRecovers(String hostile, String message) throws Exception {
        write("a.yaml", service("one"));
        start(Map.of());
        await().until(() -> names().equals(List.of("one")));

        write("a.yaml", hostile);
        assertProblem("a.yaml", message);
        assertThat(names()).containsExactly("one");
        assertAliveAndHealthy();

        write("a.yaml", service("fixed"));
        await().until(() -> names().equals(List.of("fixed", "other")) && store.current().sourceProblems().isEmpty());
    }

    /** The source still applies changes, and says it is healthy: a refused file is its problem, not the source's. */
    private void assertAliveAndHealthy() throws IOException {
        write("other.yaml", service("other"));
        await().until(() -> names().contains("other"));
        assertThat(source.healthy()).isTrue();
        assertThat(source.describe()).startsWith("watching ");
    }

    private void assertProblem(String file, String message) {
        String origin = directory.resolve(file).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(store.current().sourceProblems())
                .anySatisfy(problem -> {
                    assertThat(problem.location().origin()).isEqualTo(origin);
                    assertThat(problem.message()).contains(message);
                }));
    }

    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("directory", directory.toString());
        all.put("rescanIntervalMillis", "200");
        source = new FileConfigSourceFactory().create(all, null);
        source.start(store.sinkFor("file"));
    }

    private static void mkfifo(Path path) throws Exception {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(process.waitFor()).isZero();
    }

    private Path write(String name, String text) throws IOException {
        // whole-file writes by rename, as tools do, so that no test reads a half-written file by accident
        Path temp = Files.writeString(directory.resolve("." + name + ".tmp"), text);
        return Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> names() {
        return store.current().documents().keySet().stream().map(ResourceKey::name).sorted().toList();
    }

    private static ResourceKey key(String name) {
        return new ResourceKey("", "Service", "default", name);
    }

    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                """.formatted(name);
    }
}
