package io.lintel.plugin.discovery.kubernetes;

import static io.lintel.plugin.discovery.kubernetes.StatusWriteTest.ROUTE;
import static io.lintel.plugin.discovery.kubernetes.StatusWriteTest.routeStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A leader that crashes does not release its Lease: the others must wait the Lease out (its renew time plus the lease
 * duration), take it, and then write status, both what they computed while following and what comes after. The crash
 * is a Lease left behind by a replica that no longer renews it, as the API server holds it after the pod died.
 */
class LeaderTakeoverTest {

    private static final String LEASE_NAMESPACE = "lintel-system";
    private static final long LEASE_MILLIS = 4000;

    private MockApiServer mock;
    private KubernetesConfigSource survivor;

    @AfterEach
    void stop() {
        if (survivor != null) {
            survivor.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void aFollowerTakesTheLeaseOfACrashedLeaderOnceItExpiresAndWritesStatusAgain() throws Exception {
        mock = MockApiServer.start();
        mock.apply(KubernetesConfigSourceTest.ROUTE_YAML);
        ZonedDateTime crashedAt = ZonedDateTime.now();
        mock.client().leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
                .withNewMetadata().withName("lintel-leader").withNamespace(LEASE_NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity("crashed-replica").withLeaseDurationSeconds((int) (LEASE_MILLIS / 1000))
                .withAcquireTime(crashedAt).withRenewTime(crashedAt).withLeaseTransitions(3).endSpec()
                .build()).create();

        survivor = new KubernetesConfigSource(KubernetesSourceSettings.parse(mock.settings(
                KubernetesSourceSettings.LEASE_NAMESPACE, LEASE_NAMESPACE,
                KubernetesSourceSettings.IDENTITY, "survivor",
                KubernetesSourceSettings.LEASE_DURATION_MILLIS, Long.toString(LEASE_MILLIS),
                KubernetesSourceSettings.RENEW_DEADLINE_MILLIS, "3000",
                KubernetesSourceSettings.RETRY_PERIOD_MILLIS, "200")), KubernetesClients::create);
        survivor.start(new RecordingSink());
        // What the survivor computes while the dead leader's Lease is still valid is kept, not written.
        survivor.statusWriter().orElseThrow().write(ROUTE, routeStatus(1, "WhileFollowing"));

        await().atMost(Duration.ofSeconds(30)).until(survivor::mayWrite);
        assertThat(Duration.between(crashedAt, ZonedDateTime.now()))
                .as("the Lease is taken only once it has expired").isGreaterThanOrEqualTo(Duration.ofMillis(LEASE_MILLIS));
        Lease lease = mock.client().leases().inNamespace(LEASE_NAMESPACE).withName("lintel-leader").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("survivor");
        assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(4);

        // The status computed while following lands, and so do later changes.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(routeStatusText()).contains("WhileFollowing"));
        survivor.statusWriter().orElseThrow().write(ROUTE, routeStatus(1, "AfterTakeover"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(routeStatusText()).contains("AfterTakeover"));
        assertThat(survivor.describe()).contains("leader (survivor)");
    }

    private String routeStatusText() {
        GenericKubernetesResource route = mock.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace("apps").withName("web").get();
        return String.valueOf(route.getAdditionalProperties().get("status"));
    }
}
