package io.lintel.plugin.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.store.ResourceStore;
import io.lintel.core.store.Snapshot;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigSourceTest {

    @TempDir
    Path directory;

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
    void initialLoadThenSynced() throws Exception {
        write("routes.yaml", service("one") + "---\n" + service("two"));
        write("route.json", """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "three"}}
                """);
        write(".hidden.yaml", service("hidden"));
        write("#routes.yaml#", service("emacs"));
        write("routes.yaml~", service("backup"));
        write("notes.txt", "not a manifest");

        start();

        assertThat(store.allSynced()).isTrue();
        await().until(() -> names().equals(List.of("one", "three", "two")));
        assertThat(source.healthy()).isTrue();
        assertThat(source.describe()).isEqualTo("watching " + directory + " (2 files)");
        assertThat(store.current().documents().get(key("one")).location().origin())
                .isEqualTo(directory.resolve("routes.yaml").toString());
    }

    @Test
    void addModifyAndDeleteAreApplied() throws Exception {
        write("a.yaml", service("one"));
        start();
        await().until(() -> names().equals(List.of("one")));

        write("b.yaml", service("two"));
        await().until(() -> names().equals(List.of("one", "two")));

        write("a.yaml", service("one-renamed"));
        await().until(() -> names().equals(List.of("one-renamed", "two")));

        Files.delete(directory.resolve("b.yaml"));
        await().until(() -> names().equals(List.of("one-renamed")));
    }

    @Test
    void wholeFileWritesByRenameAndDeleteThenCreateAreApplied() throws Exception {
        write("a.yaml", service("one"));
        start();
        await().until(() -> names().equals(List.of("one")));

        Path temporary = write(".a.yaml.tmp", service("by-rename"));
        Files.move(temporary, directory.resolve("a.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await().until(() -> names().equals(List.of("by-rename")));

        Files.delete(directory.resolve("a.yaml"));
        write("a.yaml", service("recreated"));
        await().until(() -> names().equals(List.of("recreated")));

        Files.move(directory.resolve("a.yaml"), directory.resolve("moved.yml"));
        await().until(() -> names().equals(List.of("recreated"))
                && store.current().documents().get(key("recreated")).location().origin().endsWith("moved.yml"));
    }

    @Test
    void aBurstOfRenamesIsAppliedAsOneChangeFromWatchEventsAlone() throws Exception {
        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        try (ResourceStore recording = new ResourceStore(seen::add, Duration.ofMillis(1))) {
            for (int i = 0; i < 50; i++) {
                write("s" + i + ".yaml", labelled("s" + i, "v1"));
            }
            // no rescan within the test: only watch events can bring the changes
            source = new FileConfigSourceFactory().create(
                    Map.of("directory", directory.toString(), "rescanIntervalMillis", "3600000",
                            // a long quiet time, so that a slow test machine cannot split the burst
                            "settleMillis", "300"), null);
            source.start(recording.sinkFor("file"));
            await().until(() -> versions(recording.current()).equals(Set.of("v1")));

            for (int i = 0; i < 50; i++) {
                Path temporary = write(".s" + i + ".yaml.tmp", labelled("s" + i, "v2"));
                Files.move(temporary, directory.resolve("s" + i + ".yaml"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            await().until(() -> versions(recording.current()).equals(Set.of("v2")));

            assertThat(seen).allSatisfy(snapshot -> assertThat(versions(snapshot)).hasSize(1));
            assertThat(recording.current().documents()).hasSize(50);
        }
    }

    private static Set<Object> versions(Snapshot snapshot) {
        Set<Object> versions = new HashSet<>();
        snapshot.documents().values().forEach(d -> versions.add(
                ((Map<?, ?>) ((Map<?, ?>) d.content().get("metadata")).get("labels")).get("v")));
        return versions;
    }

    private static String labelled(String name, String version) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  labels: {v: %s}
                """.formatted(name, version);
    }

    @Test
    void parseErrorKeepsTheLastGoodContentUntilFixed() throws Exception {
        write("a.yaml", service("one"));
        start();
        await().until(() -> names().equals(List.of("one")));

        write("a.yaml", service("two") + "  labels: [unclosed\n");
        await().until(() -> !store.current().sourceProblems().isEmpty());
        Snapshot broken = store.current();
        assertThat(names(broken)).containsExactly("one");
        ConfigProblem problem = broken.sourceProblems().get(0);
        assertThat(problem.location().origin()).isEqualTo(directory.resolve("a.yaml").toString());
        assertThat(problem.location().line()).isPositive();
        assertThat(problem.message()).startsWith("cannot parse: ");

        write("a.yaml", service("two"));
        await().until(() -> store.current().sourceProblems().isEmpty() && names().equals(List.of("two")));
    }

    @Test
    void badDocumentIsReportedWhileItsSiblingsAreServed() throws Exception {
        write("a.yaml", service("one") + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  labels: {}
                """);
        start();

        await().until(() -> names().equals(List.of("one")) && !store.current().sourceProblems().isEmpty());
        assertThat(store.current().sourceProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.location().line()).isEqualTo(6);
            assertThat(problem.fieldPath()).isEqualTo("metadata.name");
        });
    }

    @Test
    void listKindFileIsExpanded() throws Exception {
        write("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Service, metadata: {name: one}}
                - {apiVersion: v1, kind: Service, metadata: {name: two}}
                """);
        start();

        await().until(() -> names().equals(List.of("one", "two")));
    }

    private void start() throws Exception {
        source = new FileConfigSourceFactory().create(
                Map.of("directory", directory.toString(), "rescanIntervalMillis", "200"), null);
        source.start(store.sinkFor("file"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    private List<String> names() {
        return names(store.current());
    }

    private static List<String> names(Snapshot snapshot) {
        return snapshot.documents().keySet().stream().map(ResourceKey::name).sorted().toList();
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

    @Test
    void rescanFallbackCostsAtMostAHundredthOfACore() {
        long twoSeconds = 2_000_000_000L;
        assertThat(FileConfigSource.rescanPause(twoSeconds, 0)).isEqualTo(twoSeconds);
        assertThat(FileConfigSource.rescanPause(twoSeconds, 5_000_000L)).isEqualTo(twoSeconds); // 5 ms: 100 files
        assertThat(FileConfigSource.rescanPause(twoSeconds, 100_000_000L)).isEqualTo(10_000_000_000L); // 0.1 s
    }
}
