package io.lintel.core.translate.decode;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import java.util.Map;
import java.util.Optional;

/**
 * Routes of the Gateway API group of a kind neither core nor a loaded plugin reads (a TLSRoute without the
 * {@code route-tls} plugin, a GRPCRoute without {@code route-grpc}), BackendTLSPolicies without the
 * {@code policy-backend-tls} plugin and ListenerSets without the {@code listenerset} plugin: reported as a problem of
 * the document, saying which kind is not served and that a plugin would serve it, rather than silently ignored.
 */
public final class UnservedRouteKinds {

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    /** The built-in plugin that serves each route kind of the Gateway API that core leaves to plugins. */
    private static final Map<String, String> PLUGIN_BY_KIND = Map.of(
            "GRPCRoute", "route-grpc",
            "TLSRoute", "route-tls",
            "TCPRoute", "route-tcp",
            "UDPRoute", "route-udp",
            "BackendTLSPolicy", "policy-backend-tls",
            "ListenerSet", "listenerset");

    private UnservedRouteKinds() {}

    /**
     * True for the kinds reported when nothing reads them: route kinds of the Gateway API group, and the other kinds
     * of the group a built-in plugin serves.
     */
    static boolean covers(String group, String kind) {
        return GATEWAY_GROUP.equals(group) && (kind.endsWith("Route") || PLUGIN_BY_KIND.containsKey(kind));
    }

    /** The built-in plugin that serves a Gateway API route kind core leaves to plugins, e.g. {@code route-tls}. */
    public static Optional<String> builtInPlugin(String group, String kind) {
        return GATEWAY_GROUP.equals(group) && kind.endsWith("Route") ? Optional.ofNullable(PLUGIN_BY_KIND.get(kind))
                : Optional.empty();
    }

    static ConfigProblem problem(KubernetesDocument document) {
        String kind = document.key().kind();
        String plugin = PLUGIN_BY_KIND.get(kind);
        return DocumentDecoder.problem(document, "kind", "not served: no loaded plugin reads the kind " + GATEWAY_GROUP
                + "/" + kind + " (" + (plugin == null ? "a plugin registering the kind" : "the " + plugin + " plugin")
                + " would serve it; the " + what(kind) + " is ignored until one is installed in the plugins directory)");
    }

    /** What an object of the kind is called in the message. */
    private static String what(String kind) {
        if (kind.endsWith("Route")) {
            return "route";
        }
        return kind.endsWith("Policy") ? "policy" : kind;
    }
}
