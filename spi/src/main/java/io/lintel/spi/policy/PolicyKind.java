package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.kind.ResourceKind;
import java.util.List;

/**
 * A policy kind a plugin serves (GEP-713 policy attachment), declared by {@link io.lintel.spi.LintelPlugin#policyKinds()}.
 *
 * <p>Core accepts objects of this {@code group} and {@code kind} in the listed {@code versions} from every config
 * source (the Kubernetes source watches them), refuses a {@code targetRefs} entry whose kind is not in
 * {@code targetKinds} (naming the field), and writes their status. Which plugin piece serves the policy follows from
 * its target kinds: route kinds need an {@link io.lintel.spi.filter.HttpFilterFactory} keyed
 * {@link io.lintel.spi.filter.FilterKey#extensionRef(String, String) extensionRef(group, kind)}, {@code Service} a
 * {@link ServicePolicyFactory} of the same group and kind; start-up fails when the plugin provides neither.
 *
 * @param group the policy's API group, e.g. {@code lintel.io}
 * @param kind the policy's kind, e.g. {@code RateLimitPolicy}
 * @param versions the versions read, most preferred first, e.g. {@code [v1alpha1]}
 * @param targetKinds what its {@code targetRefs} may name: {@link PolicyTargetKind#HTTP_ROUTE},
 *     {@link PolicyTargetKind#GRPC_ROUTE}, {@link PolicyTargetKind#SERVICE}
 */
public record PolicyKind(String group, String kind, List<String> versions, List<PolicyTargetKind> targetKinds) {

    public PolicyKind {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        versions = List.copyOf(requireNonNull(versions, "versions"));
        targetKinds = List.copyOf(requireNonNull(targetKinds, "targetKinds"));
        if (group.isEmpty() || kind.isEmpty()) {
            throw new IllegalArgumentException("policy group and kind must not be empty: " + group + "/" + kind);
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("policy kind " + group + "/" + kind + " needs at least one version");
        }
        if (targetKinds.isEmpty()) {
            throw new IllegalArgumentException("policy kind " + group + "/" + kind + " needs at least one target kind");
        }
    }

    /**
     * The kind as every plugin kind is named to config sources ({@link io.lintel.spi.PluginContext#resourceKinds()}):
     * group, kind and versions, without the target kinds, which only core needs.
     */
    public ResourceKind resourceKind() {
        return new ResourceKind(group, kind, versions);
    }

    /** Whether some target kind makes a route policy. */
    public boolean targetsRoutes() {
        return targetKinds.stream().anyMatch(PolicyTargetKind::isRoute);
    }

    /** Whether {@link PolicyTargetKind#SERVICE} is a target kind. */
    public boolean targetsServices() {
        return targetKinds.contains(PolicyTargetKind.SERVICE);
    }

    /** {@code group/kind}. */
    @Override
    public String toString() {
        return group + "/" + kind;
    }
}
