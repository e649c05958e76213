package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.StatusWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusWriteTest {

    static final ResourceKey ROUTE = KubernetesConfigSourceTest.ROUTE;

    private MockApiServer mock;
    private KubernetesConfigSource source;
    private KubernetesConfigSource other;

    @AfterEach
    void stop() {
        for (KubernetesConfigSource s : new KubernetesConfigSource[] {source, other}) {
            if (s != null) {
                s.close();
            }
        }
        if (mock != null) {
            mock.close();
        }
    }

    static Map<String, Object> routeStatus(long generation, String reason) {
        return Map.of("parents", List.of(Map.of(
                "parentRef", Map.of("name", "gw"),
                "controllerName", "lintel.io/gateway-controller",
                "conditions", List.of(Map.of("type", "Accepted", "status", "True", "reason", reason,
                        "observedGeneration", generation, "lastTransitionTime", "2026-01-01T00:00:00Z", "message", "")))));
    }

    private GenericKubernetesResource route() {
        return mock.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace("apps").withName("web").get();
    }

    private KubernetesConfigSource start(String... settings) throws Exception {
        KubernetesConfigSource started = new KubernetesConfigSource(KubernetesSourceSettings.parse(mock.settings(settings)),
                KubernetesClients::create);
        started.start(new RecordingSink());
        return started;
    }

    @Test
    void writesStatusThroughTheSubresourceOnlyWhenItChanged() throws Exception {
        mock = MockApiServer.start();
        mock.apply(KubernetesConfigSourceTest.ROUTE_YAML);
        source = start(KubernetesSourceSettings.LEADER_ELECTION, "false");
        StatusWriter writer = source.statusWriter().orElseThrow();

        writer.write(ROUTE, routeStatus(1, "Accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> route().getAdditionalProperties().get("status") != null);
        assertThat(route().getAdditionalProperties().get("status").toString()).contains("observedGeneration=1", "reason=Accepted");
        assertThat(route().getMetadata().getGeneration()).isEqualTo(1L);
        String version = route().getMetadata().getResourceVersion();

        StatusPublisher publisher = (StatusPublisher) writer;
        long written = publisher.writtenCount();
        writer.write(ROUTE, routeStatus(1, "Accepted"));
        writer.write(ROUTE, routeStatus(1, "Accepted"));
        // A later, different status proves the two equal ones were handled before it.
        writer.write(new ResourceKey(ROUTE.group(), ROUTE.kind(), ROUTE.namespace(), "absent"), routeStatus(1, "Accepted"));
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.pendingIsEmpty());
        assertThat(route().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(publisher.writtenCount()).isEqualTo(written);
    }

    @Test
    void writesFromTheInformersCopyWithoutReadingTheObjectFirst() throws Exception {
        mock = MockApiServer.start();
        mock.apply(KubernetesConfigSourceTest.ROUTE_YAML);
        source = start(KubernetesSourceSettings.LEADER_ELECTION, "false");
        List<String> before = recordedRequests();

        StatusPublisher publisher = (StatusPublisher) source.statusWriter().orElseThrow();
        publisher.write(ROUTE, routeStatus(1, "Accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.writtenCount() == 1 && publisher.pendingIsEmpty());
        List<String> during = recordedRequests();
        assertThat(route().getAdditionalProperties().get("status").toString()).contains("reason=Accepted");
        assertThat(before).isNotEmpty();
        assertThat(during).contains("PUT /apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes/web/status")
                .doesNotContain("GET /apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes/web");
    }

    /** The requests the mock received since the last call ("METHOD path", the test's own reads included). */
    private List<String> recordedRequests() throws InterruptedException {
        List<String> requests = new java.util.ArrayList<>();
        for (var request = mock.server().takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS); request != null;
                request = mock.server().takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    @Test
    void retriesAConflict() throws Exception {
        mock = MockApiServer.start();
        mock.apply(KubernetesConfigSourceTest.ROUTE_YAML);
        source = start(KubernetesSourceSettings.LEADER_ELECTION, "false");
        mock.server().expect().put().withPath("/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes/web/status")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("the object has been modified").build())
                .once();

        source.statusWriter().orElseThrow().write(ROUTE, routeStatus(1, "Accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> route().getAdditionalProperties().get("status") != null);
        assertThat(route().getAdditionalProperties().get("status").toString()).contains("reason=Accepted");
    }

    @Test
    void onlyTheLeaderWritesAndTheNextLeaderTakesOver() throws Exception {
        mock = MockApiServer.start();
        mock.apply(KubernetesConfigSourceTest.ROUTE_YAML);
        String[] election = {KubernetesSourceSettings.LEASE_NAMESPACE, "lintel-system",
                KubernetesSourceSettings.LEASE_DURATION_MILLIS, "2000", KubernetesSourceSettings.RENEW_DEADLINE_MILLIS, "1500",
                KubernetesSourceSettings.RETRY_PERIOD_MILLIS, "200"};
        source = start(concat(election, KubernetesSourceSettings.IDENTITY, "replica-a"));
        await().atMost(Duration.ofSeconds(10)).until(source::mayWrite);
        other = start(concat(election, KubernetesSourceSettings.IDENTITY, "replica-b"));
        assertThat(other.mayWrite()).isFalse();
        assertThat(other.describe()).contains("follower (replica-b)");

        // Both replicas compute status; only the leader's lands.
        other.statusWriter().orElseThrow().write(ROUTE, routeStatus(1, "FromFollower"));
        source.statusWriter().orElseThrow().write(ROUTE, routeStatus(1, "FromLeader"));
        await().atMost(Duration.ofSeconds(10)).until(() -> route().getAdditionalProperties().get("status") != null);
        assertThat(route().getAdditionalProperties().get("status").toString()).contains("FromLeader");
        assertThat(((StatusPublisher) other.statusWriter().orElseThrow()).writtenCount()).isZero();

        source.close();
        source = null;

        // The follower takes the Lease and writes what it computed meanwhile.
        await().atMost(Duration.ofSeconds(15)).until(other::mayWrite);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(route().getAdditionalProperties().get("status").toString()).contains("FromFollower"));
        assertThat(mock.client().leases().inNamespace("lintel-system").withName("lintel-leader").get()
                .getSpec().getHolderIdentity()).isEqualTo("replica-b");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
