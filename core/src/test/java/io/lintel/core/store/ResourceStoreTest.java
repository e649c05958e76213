package io.lintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.SourceLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResourceStoreTest {

    private final ScheduledExecutorService controlThread = Executors.newSingleThreadScheduledExecutor();
    private final List<Snapshot> published = new CopyOnWriteArrayList<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private final ResourceStore store = new ResourceStore(snapshot -> {
        listenerThreads.add(Thread.currentThread().getName());
        published.add(snapshot);
    }, Duration.ofMillis(5), controlThread);

    @AfterEach
    void tearDown() {
        store.close();
        controlThread.shutdownNow();
    }

    @Test
    void ownControlThreadRunsWithCoresClassLoaderWhoeverStartsIt() throws Exception {
        List<ClassLoader> seen = new CopyOnWriteArrayList<>();
        ClassLoader pluginLike = new java.net.URLClassLoader(new java.net.URL[0], null);
        try (ResourceStore own = new ResourceStore(snapshot -> seen.add(Thread.currentThread().getContextClassLoader()))) {
            Thread source = new Thread(() -> own.upsert(document("route", "file", Map.of())), "plugin-source");
            source.setContextClassLoader(pluginLike);
            source.start();
            source.join(10_000);

            await().until(() -> !seen.isEmpty());
            assertThat(seen.get(0)).isSameAs(ResourceStore.class.getClassLoader());
        }
    }

    @Test
    void burstFromManyThreadsIsPublishedAsOneSnapshot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Holding the control thread makes the coalescing deterministic: nothing can publish until released.
        controlThread.execute(() -> awaitQuietly(release));
        ExecutorService sources = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (int source = 0; source < 4; source++) {
                int s = source;
                pushes.add(sources.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.upsert(document("route-" + s + "-" + i, "file-" + s, Map.of("n", i)));
                    }
                }));
            }
            for (Future<?> push : pushes) {
                push.get(10, TimeUnit.SECONDS);
            }
        } finally {
            sources.shutdownNow();
        }
        release.countDown();

        await().until(() -> !published.isEmpty());
        drainControlThread();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).version()).isEqualTo(1);
        assertThat(published.get(0).documents()).hasSize(100);
        assertThat(store.current()).isSameAs(published.get(0));
    }

    @Test
    void listenerRunsOnTheControlThread() throws Exception {
        String controlThreadName = controlThread.submit(() -> Thread.currentThread().getName()).get();
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of())));

        await().until(() -> !published.isEmpty());
        assertThat(listenerThreads).containsOnly(controlThreadName);
    }

    @Test
    void aLoneChangeIsPublishedWithoutWaitingForTheDebounce() {
        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        try (ResourceStore slow = new ResourceStore(seen::add, Duration.ofHours(1), controlThread)) {
            slow.upsert(document("one", "w", Map.of()));
            await().until(() -> seen.size() == 1);

            // the next change comes within the debounce of the first publish: it waits (here: for an hour)
            slow.upsert(document("two", "w", Map.of()));
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void aBatchIsPublishedWholeOrNotAtAll() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread source = new Thread(() -> store.batch(() -> {
            store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of())));
            inside.countDown();
            awaitQuietly(finish);
            store.replaceOrigin("b.yaml", List.of(document("two", "b.yaml", Map.of())));
        }));
        source.start();
        inside.await(10, TimeUnit.SECONDS);
        drainControlThread();
        assertThat(published).isEmpty();

        finish.countDown();
        source.join(10_000);
        await().until(() -> published.size() == 1);
        assertThat(names(published.get(0))).containsExactly("one", "two");
    }

    @Test
    void snapshotsTakenBeforeEverySourceSyncedArePartial() {
        ResourceSink files = store.sinkFor("file");
        files.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of())));
        await().until(() -> published.size() == 1);
        assertThat(published.get(0).synced()).isFalse();

        files.markSynced();
        await().until(() -> published.size() == 2);
        assertThat(published.get(1).synced()).isTrue();
    }

    @Test
    void replaceOriginDeletesDocumentsNoLongerListed() {
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of()), document("two", "a.yaml", Map.of())));
        await().until(() -> published.size() == 1);

        store.replaceOrigin("a.yaml", List.of(document("two", "a.yaml", Map.of())));
        await().until(() -> published.size() == 2);

        assertThat(names(published.get(1))).containsExactly("two");
        assertThat(published.get(1).version()).isEqualTo(2);
    }

    @Test
    void updatesEqualToWhatTheStoreHoldsPublishNothing() throws Exception {
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of("v", 1))));
        await().until(() -> published.size() == 1);

        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of("v", 1))));
        // a lone change publishes at once: a change and its undoing are equal to what the store holds only together
        store.batch(() -> {
            store.upsert(document("other", "w", Map.of()));
            store.delete(key("other"));
        });
        store.reportProblems("a.yaml", List.of());
        drainControlThread();
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of("v", 2))));
        await().until(() -> published.size() == 2);
        drainControlThread();

        assertThat(published).extracting(Snapshot::version).containsExactly(1L, 2L);
        assertThat(spec(published.get(1), "one")).containsEntry("v", 2);
    }

    @Test
    void reportedProblemsKeepTheLastGoodDocumentsAndReplaceOriginClearsThem() {
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of())));
        await().until(() -> published.size() == 1);

        ConfigProblem broken = new ConfigProblem(new SourceLocation("a.yaml", 3), Optional.empty(), "", "cannot parse");
        store.reportProblems("a.yaml", List.of(broken));
        await().until(() -> published.size() == 2);
        assertThat(names(published.get(1))).containsExactly("one");
        assertThat(published.get(1).sourceProblems()).containsExactly(broken);

        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of()), document("two", "a.yaml", Map.of())));
        await().until(() -> published.size() == 3);
        assertThat(names(published.get(2))).containsExactly("one", "two");
        assertThat(published.get(2).sourceProblems()).isEmpty();
    }

    @Test
    void sameKeyFromTwoOriginsKeepsTheFirstAndNamesBoth() {
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of("from", "a"))));
        store.replaceOrigin("b.yaml", List.of(document("one", "b.yaml", Map.of("from", "b"))));
        await().until(() -> !store.current().sourceProblems().isEmpty());

        Snapshot both = store.current();
        assertThat(spec(both, "one")).containsEntry("from", "a");
        assertThat(both.sourceProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("a.yaml").contains("b.yaml");
            assertThat(problem.resource()).contains(key("one"));
            assertThat(problem.location().origin()).isEqualTo("b.yaml");
        });

        store.replaceOrigin("a.yaml", List.of());
        await().until(() -> store.current().sourceProblems().isEmpty());
        assertThat(spec(store.current(), "one")).containsEntry("from", "b");
    }

    @Test
    void readinessCountsEverySourceAndPublishesWhenTheLastSyncs() {
        ResourceSink files = store.sinkFor("file");
        ResourceSink cluster = store.sinkFor("kubernetes");
        assertThat(store.allSynced()).isFalse();

        files.markSynced();
        assertThat(store.allSynced()).isFalse();
        assertThat(store.syncState()).containsEntry("file", true).containsEntry("kubernetes", false);

        cluster.markSynced();
        assertThat(store.allSynced()).isTrue();
        await().until(() -> published.size() == 1);
        assertThat(published.get(0).documents()).isEmpty();
    }

    @Test
    void aSourceNameCanBeRegisteredOnce() {
        store.sinkFor("file");
        assertThatThrownBy(() -> store.sinkFor("file"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file");
    }

    @Test
    void watchEventsOfASourceActOnItsOwnOrigin() {
        ResourceSink cluster = store.sinkFor("kubernetes");
        ResourceSink consul = store.sinkFor("consul");
        cluster.upsert(document("one", "/apis/one", Map.of()));
        cluster.upsert(document("two", "/apis/two", Map.of()));
        await().until(() -> names(store.current()).size() == 2);

        consul.delete(key("one"));
        cluster.delete(key("missing"));
        cluster.delete(key("two"));
        await().until(() -> names(store.current()).equals(List.of("one")));
    }

    @Test
    void closeStopsPublishingAndLeavesAGivenControlThreadRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        controlThread.execute(() -> awaitQuietly(release));
        store.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of())));
        store.close();
        release.countDown();
        drainControlThread();
        store.replaceOrigin("b.yaml", List.of(document("two", "b.yaml", Map.of())));
        drainControlThread();

        assertThat(published).isEmpty();
        assertThat(controlThread.isShutdown()).isFalse();
    }

    @Test
    void ownedControlThreadIsShutDownOnClose() {
        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        try (ResourceStore own = new ResourceStore(seen::add)) {
            own.replaceOrigin("a.yaml", List.of(document("one", "a.yaml", Map.of())));
            await().until(() -> seen.size() == 1);
            assertThat(seen.get(0).version()).isEqualTo(1);
        }
    }

    private void drainControlThread() throws Exception {
        // A publish scheduled before now runs no later than a task scheduled after the debounce.
        controlThread.schedule(() -> { }, 20, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> names(Snapshot snapshot) {
        return snapshot.documents().keySet().stream().map(ResourceKey::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Snapshot snapshot, String name) {
        return (Map<String, Object>) snapshot.documents().get(key(name)).content().get("spec");
    }

    @Test
    void gatewayApiDocumentsWithoutCreationTimestampGetTheTimeTheyFirstAppeared() {
        store.replaceOrigin("a.yaml", List.of(document("older", "a.yaml", Map.of())));
        await().until(() -> published.size() == 1);
        store.replaceOrigin("a.yaml", List.of(document("older", "a.yaml", Map.of()), document("newer", "a.yaml", Map.of())));
        await().until(() -> published.size() == 2);

        Snapshot snapshot = published.get(1);
        Instant older = Instant.parse((String) metadata(snapshot, "older").get("creationTimestamp"));
        Instant newer = Instant.parse((String) metadata(snapshot, "newer").get("creationTimestamp"));
        assertThat(newer).isAfter(older);
        assertThat(metadata(published.get(0), "older")).isEqualTo(metadata(snapshot, "older"));
    }

    private static Map<?, ?> metadata(Snapshot snapshot, String name) {
        return (Map<?, ?>) snapshot.documents().get(key(name)).content().get("metadata");
    }

    private static ResourceKey key(String name) {
        return new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", name);
    }

    private static KubernetesDocument document(String name, String origin, Map<String, Object> spec) {
        return new KubernetesDocument(key(name), "gateway.networking.k8s.io/v1",
                Map.of("kind", "HTTPRoute", "metadata", Map.of("name", name), "spec", spec), new SourceLocation(origin, 1));
    }
}
