package io.lintel.core.translate;

import io.lintel.core.ir.IrBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code status} of BackendTLSPolicies (GEP-713 policy status): one {@code ancestors} entry per Gateway of ours
 * whose attached routes send traffic to a Service the policy targets, each with the policy's {@code Accepted} and
 * {@code ResolvedRefs} conditions. A policy no Gateway of ours uses gets no status from us.
 */
final class BackendTlsPolicyStatus {

    private final String controllerName;

    BackendTlsPolicyStatus(String controllerName) {
        this.controllerName = controllerName;
    }

    /**
     * The Gateways ({@code <namespace>/<name>}) by backend Service ({@code <namespace>/<name>}), from the routes
     * attached to the served listeners.
     */
    static Map<String, Set<String>> gatewaysByService(List<ListenerState> listeners,
            Map<io.lintel.spi.config.ResourceKey, IrAssembler.RouteInfo> routes) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ListenerState listener : listeners) {
            String gateway = listener.gateway.namespace + "/" + listener.gateway.name;
            for (var key : listener.routes.keySet()) {
                IrAssembler.RouteInfo route = routes.get(key);
                if (route == null) {
                    continue;
                }
                for (RouteRules.Rule rule : route.rules().rules()) {
                    for (IrBackend backend : rule.ir().backends()) {
                        out.computeIfAbsent(service(backend.name()), s -> new TreeSet<>()).add(gateway);
                    }
                    rule.ir().filters().forEach(f -> f.backends().forEach(b -> out
                            .computeIfAbsent(service(b.name()), s -> new TreeSet<>()).add(gateway)));
                }
            }
        }
        return out;
    }

    /** {@code <namespace>/<service>} of a backend named {@code <namespace>/<service>:<port>}. */
    private static String service(String backendName) {
        int colon = backendName.indexOf(':');
        return colon < 0 ? backendName : backendName.substring(0, colon);
    }

    /** The status of a policy, or null when no Gateway of ours uses what it targets. */
    Map<String, Object> status(BackendTlsPolicies.PolicyState policy, Map<String, Set<String>> gatewaysByService,
            String time) {
        Set<String> gateways = new TreeSet<>();
        policy.services.forEach(s -> gateways.addAll(gatewaysByService.getOrDefault(s, Set.of())));
        if (gateways.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> ancestors = new ArrayList<>();
        for (String gateway : gateways) {
            int slash = gateway.indexOf('/');
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("group", GatewayEvaluator.GROUP);
            ref.put("kind", "Gateway");
            ref.put("namespace", gateway.substring(0, slash));
            ref.put("name", gateway.substring(slash + 1));
            Map<String, Object> ancestor = new LinkedHashMap<>();
            ancestor.put("ancestorRef", ref);
            ancestor.put("controllerName", controllerName);
            ancestor.put("conditions", new Conditions(policy.resource.generation(), time)
                    .add("Accepted", policy.accepted, policy.acceptedReason, policy.acceptedMessage)
                    .add("ResolvedRefs", policy.resolvedRefs, policy.resolvedRefsReason, policy.resolvedRefsMessage)
                    .list());
            ancestors.add(ancestor);
        }
        return Map.of("ancestors", ancestors);
    }
}
