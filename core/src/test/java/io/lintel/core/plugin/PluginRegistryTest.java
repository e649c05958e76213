package io.lintel.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerSetDescription;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.policy.BackendTlsPolicyDescription;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PluginRegistry#resourceKinds()}: the one list of plugin kinds config sources are given. */
class PluginRegistryTest {

    private static final ResourceKind BACKEND_TLS =
            ResourceKind.of("gateway.networking.k8s.io", "BackendTLSPolicy", "v1", "v1alpha3");
    private static final ResourceKind LISTENER_SET = ResourceKind.of("gateway.networking.k8s.io", "ListenerSet", "v1");

    @Test
    void listsTheKindsOfEveryFamilyOnce() {
        PolicyKind rateLimit = new PolicyKind("lintel.io", "RateLimitPolicy", List.of("v1alpha1"),
                List.of(PolicyTargetKind.HTTP_ROUTE));
        PolicyKind health = new PolicyKind("lintel.io", "BackendHealthPolicy", List.of("v1alpha1"),
                List.of(PolicyTargetKind.SERVICE));
        // a policy kind that repeats the backend TLS kind is listed once, as the first family declares it
        PolicyKind repeated = new PolicyKind(BACKEND_TLS.group(), BACKEND_TLS.kind(), List.of("v1"),
                List.of(PolicyTargetKind.SERVICE));
        PolicyPlugins policies = new PolicyPlugins(Map.of(rateLimit.toString(), rateLimit, health.toString(), health,
                repeated.toString(), repeated), Map.of());

        PluginRegistry registry = new PluginRegistry(List.of(), Map.of(), Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES, policies, new PluginReports(), List.of(), List.of(backendTls()),
                List.of(listenerSet()));

        assertThat(registry.resourceKinds()).containsExactly(BACKEND_TLS, LISTENER_SET,
                ResourceKind.of("lintel.io", "BackendHealthPolicy", "v1alpha1"),
                ResourceKind.of("lintel.io", "RateLimitPolicy", "v1alpha1"));
    }

    @Test
    void anEmptyRegistryListsNoKinds() {
        assertThat(PluginRegistry.EMPTY.resourceKinds()).isEmpty();
    }

    private static ListenerSetKind listenerSet() {
        return new ListenerSetKind() {
            @Override
            public ResourceKind kind() {
                return LISTENER_SET;
            }

            @Override
            public List<FieldViolation> validate(KubernetesDocument document) {
                return List.of();
            }

            @Override
            public ListenerSetDescription describe(KubernetesDocument document) {
                throw new UnsupportedOperationException("not read in this test");
            }
        };
    }

    private static BackendTlsPolicyKind backendTls() {
        return new BackendTlsPolicyKind() {
            @Override
            public ResourceKind kind() {
                return BACKEND_TLS;
            }

            @Override
            public List<FieldViolation> validate(KubernetesDocument document) {
                return List.of();
            }

            @Override
            public BackendTlsPolicyDescription describe(KubernetesDocument document) {
                throw new UnsupportedOperationException("not read in this test");
            }
        };
    }
}
