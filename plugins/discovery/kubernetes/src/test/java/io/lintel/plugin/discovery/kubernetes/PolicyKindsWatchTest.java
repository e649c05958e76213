package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import io.lintel.testkit.FakePluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The policy kinds of the loaded plugins are watched like Lintel's own kinds, and their statuses written back. The
 * source is made by its factory from a context that names the kind only in {@link PluginContext#resourceKinds()}, the
 * one list of plugin kinds: nothing else tells a config source about policy kinds.
 */
class PolicyKindsWatchTest {

    private static final PolicyKind HEALTH = new PolicyKind("lintel.io", "BackendHealthPolicy", List.of("v1alpha1"),
            List.of(PolicyTargetKind.SERVICE));
    private static final ResourceKey POLICY = new ResourceKey("lintel.io", "BackendHealthPolicy", "apps", "health");

    private MockApiServer mock;
    private ConfigSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void readsPolicyObjectsAndWritesTheirStatus() throws Exception {
        mock = MockApiServer.start();
        mock.register("lintel.io", "v1alpha1", "BackendHealthPolicy", "backendhealthpolicies", "Namespaced");
        mock.apply("""
                apiVersion: lintel.io/v1alpha1
                kind: BackendHealthPolicy
                metadata: {name: health, namespace: apps}
                spec:
                  targetRefs: [{group: "", kind: Service, name: web}]
                  http: {path: /healthz}
                """);
        RecordingSink sink = new RecordingSink();
        source = new KubernetesConfigSourceFactory().create(mock.settings(KubernetesSourceSettings.LEADER_ELECTION, "false"),
                FakePluginContext.of("discovery-kubernetes").withResourceKinds(List.of(HEALTH.resourceKind())));
        source.start(sink);

        assertThat(sink.documents).containsKey(POLICY);
        assertThat(sink.documents.get(POLICY).apiVersion()).isEqualTo("lintel.io/v1alpha1");

        source.statusWriter().orElseThrow().write(POLICY, Map.of("ancestors", List.of(Map.of(
                "ancestorRef", Map.of("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", "gw"),
                "controllerName", "lintel.io/gateway-controller",
                "conditions", List.of(Map.of("type", "Accepted", "status", "True", "reason", "Accepted",
                        "observedGeneration", 1, "lastTransitionTime", "2026-01-01T00:00:00Z", "message", "ok"))))));
        await().atMost(Duration.ofSeconds(10)).until(() -> policy().getAdditionalProperties().get("status") != null);
        assertThat(policy().getAdditionalProperties().get("status").toString()).contains("reason=Accepted");
    }

    private GenericKubernetesResource policy() {
        return mock.client().genericKubernetesResources("lintel.io/v1alpha1", "BackendHealthPolicy")
                .inNamespace("apps").withName("health").get();
    }
}
