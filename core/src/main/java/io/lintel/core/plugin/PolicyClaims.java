package io.lintel.core.plugin;

import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Collects the policy kinds and service policy factories of the plugins being loaded, and checks that they fit:
 * one plugin per kind, target kinds core can attach to, and for each kind the piece that serves it (a filter factory
 * keyed {@code extensionRef(group, kind)} for route targets, a {@link ServicePolicyFactory} for Service targets).
 */
final class PolicyClaims {

    private static final Set<PolicyTargetKind> SUPPORTED_TARGETS =
            Set.of(PolicyTargetKind.HTTP_ROUTE, PolicyTargetKind.GRPC_ROUTE, PolicyTargetKind.SERVICE);

    private final Map<String, PolicyKind> kinds = new LinkedHashMap<>();
    private final Map<String, String> kindOwners = new LinkedHashMap<>();
    private final Map<String, ServicePolicyFactory> factories = new LinkedHashMap<>();
    private final Map<String, String> factoryOwners = new LinkedHashMap<>();

    void claimKind(PolicyKind kind, String owner) {
        String key = PolicyPlugins.key(kind.group(), kind.kind());
        for (PolicyTargetKind target : kind.targetKinds()) {
            if (!SUPPORTED_TARGETS.contains(target)) {
                throw new PluginLoadException("policy kind " + key + " of plugin " + owner + " targets " + target
                        + " (expected targets among " + SUPPORTED_TARGETS + ")");
            }
        }
        String previous = kindOwners.putIfAbsent(key, owner);
        if (previous != null) {
            throw new PluginLoadException("policy kind " + key + " is declared by two plugins: " + previous + " and "
                    + owner + " (expected: one plugin per kind; remove one of them)");
        }
        kinds.put(key, kind);
    }

    void claimFactory(ServicePolicyFactory factory, String owner) {
        String key = PolicyPlugins.key(factory.group(), factory.kind());
        String previous = factoryOwners.putIfAbsent(key, owner);
        if (previous != null) {
            throw new PluginLoadException("service policy " + key + " is provided by two plugins: " + previous
                    + " and " + owner + " (expected: one plugin per kind; remove one of them)");
        }
        factories.put(key, factory);
    }

    /** @param filterKeys the keys of every loaded filter factory */
    PolicyPlugins build(Set<FilterKey> filterKeys) {
        kinds.forEach((key, kind) -> {
            if (kind.targetsRoutes() && !filterKeys.contains(FilterKey.extensionRef(kind.group(), kind.kind()))) {
                throw new PluginLoadException("policy kind " + key + " of plugin " + kindOwners.get(key)
                        + " targets routes but no plugin provides its filter factory (expected a factory keyed "
                        + FilterKey.extensionRef(kind.group(), kind.kind()) + ")");
            }
            if (kind.targetsServices() && !factories.containsKey(key)) {
                throw new PluginLoadException("policy kind " + key + " of plugin " + kindOwners.get(key)
                        + " targets Services but no plugin provides its ServicePolicyFactory");
            }
        });
        factories.forEach((key, factory) -> {
            if (!kinds.containsKey(key)) {
                throw new PluginLoadException("service policy " + key + " of plugin " + factoryOwners.get(key)
                        + " has no PolicyKind (expected LintelPlugin.policyKinds() to declare it)");
            }
        });
        return new PolicyPlugins(kinds, factories);
    }
}
