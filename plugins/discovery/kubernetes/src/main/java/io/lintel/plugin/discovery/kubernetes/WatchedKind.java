package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.kind.ResourceKind;
import java.util.List;

/**
 * A kind the source watches, before its served version is known: group, kind and the versions to try, most
 * preferred first. An empty version list means "whichever version the server prefers" (extension kinds).
 *
 * @param builtIn true for kinds every supported Kubernetes serves (core, {@code discovery.k8s.io/v1}); these skip
 *     API discovery, which a mock server does not answer for them
 */
record WatchedKind(String group, String kind, List<String> versions, String plural, boolean namespaced, boolean builtIn) {

    static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    WatchedKind {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        versions = List.copyOf(requireNonNull(versions, "versions"));
        requireNonNull(plural, "plural");
    }

    /**
     * What core reads: the Gateway API kinds, in the versions Lintel understands (Gateway API v1.2 stopped serving
     * ReferenceGrant v1alpha2, so it is tried last), and the core kinds they refer to. The kinds plugins read
     * (GRPCRoute, TLSRoute, TCPRoute, UDPRoute, BackendTLSPolicy, ListenerSet, RateLimitPolicy, BackendHealthPolicy
     * with the built-in plugins) are added by {@link #plugin}.
     */
    static List<WatchedKind> defaults() {
        return List.of(
                gateway("GatewayClass", "gatewayclasses", false, "v1", "v1beta1"),
                gateway("Gateway", "gateways", true, "v1", "v1beta1"),
                gateway("HTTPRoute", "httproutes", true, "v1", "v1beta1"),
                gateway("ReferenceGrant", "referencegrants", true, "v1", "v1beta1", "v1alpha2"),
                builtIn("", "Service", "v1", "services", true),
                builtIn("discovery.k8s.io", "EndpointSlice", "v1", "endpointslices", true),
                builtIn("", "Secret", "v1", "secrets", true),
                builtIn("", "ConfigMap", "v1", "configmaps", true),
                builtIn("", "Namespace", "v1", "namespaces", false));
    }

    /**
     * A kind a loaded plugin reads, of any family ({@link io.lintel.spi.PluginContext#resourceKinds()}): tried in the
     * plugin's versions, most preferred first; plural and scope come from discovery (namespaced until it answers).
     */
    static WatchedKind plugin(ResourceKind kind) {
        return new WatchedKind(kind.group(), kind.kind(), kind.versions(), "", true, false);
    }

    /** A kind a plugin declares (an ExtensionRef filter's configuration): version and plural come from discovery. */
    static WatchedKind extension(String group, String version, String kind) {
        return new WatchedKind(group, kind, version.isEmpty() ? List.of() : List.of(version), "", true, false);
    }

    private static WatchedKind gateway(String kind, String plural, boolean namespaced, String... versions) {
        return new WatchedKind(GATEWAY_GROUP, kind, List.of(versions), plural, namespaced, false);
    }

    private static WatchedKind builtIn(String group, String kind, String version, String plural, boolean namespaced) {
        return new WatchedKind(group, kind, List.of(version), plural, namespaced, true);
    }

    /** {@code group/Kind}, or {@code Kind} for the core group. */
    String groupKind() {
        return group.isEmpty() ? kind : group + "/" + kind;
    }
}
