package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import java.util.List;
import java.util.Map;

/**
 * The policy kinds the loaded plugins declare (GEP-713 policy attachment) and the factories of those that target
 * Services, each by {@code group/kind}.
 */
public record PolicyPlugins(Map<String, PolicyKind> kinds, Map<String, ServicePolicyFactory> serviceFactories) {

    public static final PolicyPlugins NONE = new PolicyPlugins(Map.of(), Map.of());

    public PolicyPlugins {
        kinds = Map.copyOf(requireNonNull(kinds, "kinds"));
        serviceFactories = Map.copyOf(requireNonNull(serviceFactories, "serviceFactories"));
    }

    /** The declared kinds, sorted by {@code group/kind}. */
    public List<PolicyKind> sortedKinds() {
        return kinds.values().stream().sorted(java.util.Comparator.comparing(PolicyKind::toString)).toList();
    }

    /** {@code group/kind}, the key of both maps. */
    public static String key(String group, String kind) {
        return group + "/" + kind;
    }
}
