package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Attaches a route (HTTPRoute, GRPCRoute, or a plugin's kind such as TLSRoute) to the listeners its parentRefs
 * select (sectionName, port, allowedRoutes, kind, hostnames) and writes one {@code status.parents} entry per
 * parentRef that names a Gateway of ours (or a Gateway that does not exist), or a ListenerSet of ours. A Gateway
 * parentRef selects only the Gateway's own listeners, a ListenerSet parentRef only that ListenerSet's. ParentRefs of
 * other kinds, or Gateways of other classes, are somebody else's and left alone.
 */
final class RouteParents {

    private final String controllerName;
    private final Map<String, GatewayState> ourGateways;
    private final Set<String> allGateways;
    private final NamespaceSelector namespaces;
    /** The ListenerSets routes may name as parents (kind ListenerSet). */
    private final ListenerSets listenerSets;
    /** Where attachments are noted while {@link #recording} runs; null otherwise. */
    private List<TranslationMemo.Attached> attachments;

    RouteParents(String controllerName, Map<String, GatewayState> ourGateways, Set<String> allGateways,
            NamespaceSelector namespaces) {
        this(controllerName, ourGateways, allGateways, namespaces, ListenerSets.none());
    }

    RouteParents(String controllerName, Map<String, GatewayState> ourGateways, Set<String> allGateways,
            NamespaceSelector namespaces, ListenerSets listenerSets) {
        this.controllerName = controllerName;
        this.ourGateways = ourGateways;
        this.allGateways = allGateways;
        this.namespaces = namespaces;
        this.listenerSets = listenerSets;
    }

    /** Runs {@code work}, noting in {@code attached} every listener a route attaches to. */
    <T> T recording(List<TranslationMemo.Attached> attached, Supplier<T> work) {
        attachments = attached;
        try {
            return work.get();
        } finally {
            attachments = null;
        }
    }

    /** Attaches the route and returns its {@code status.parents}; empty when none is ours. */
    List<Map<String, Object>> attach(DecodedResource<HTTPRoute> route, RouteRules rules, String time) {
        return attach(route, route.object().getSpec().getHostnames(), route.object().getSpec().getParentRefs(), rules,
                time);
    }

    /**
     * Attaches a route of any kind (its document's kind, e.g. GRPCRoute, TLSRoute) with these hostnames and parentRefs, and
     * returns its {@code status.parents}; empty when none is ours.
     */
    List<Map<String, Object>> attach(DecodedResource<?> route, List<String> hostnames, List<ParentReference> parentRefs,
            RouteRules rules, String time) {
        ResourceKey key = route.document().key();
        String routeNs = ResourceIndex.namespaceOf(route.document());
        List<String> routeHostnames = hostnames.isEmpty() ? List.of(Hostnames.ANY) : hostnames;
        List<Map<String, Object>> parents = new ArrayList<>();
        for (ParentReference ref : parentRefs) {
            String group = Objects.requireNonNullElse(ref.getGroup(), GatewayEvaluator.GROUP);
            String kind = Objects.requireNonNullElse(ref.getKind(), "Gateway");
            boolean toListenerSet = kind.equals("ListenerSet");
            if (!group.equals(GatewayEvaluator.GROUP) || !kind.equals("Gateway") && !toListenerSet) {
                continue;
            }
            String ns = Objects.requireNonNullElse(ref.getNamespace(), routeNs);
            String parentKey = ns + "/" + ref.getName();
            GatewayState gateway = toListenerSet ? null : ourGateways.get(parentKey);
            ListenerSetState listenerSet = toListenerSet ? listenerSets.get(parentKey) : null;
            Conditions conditions = new Conditions(route.generation(), time);
            if (gateway == null && listenerSet == null) {
                if (toListenerSet ? listenerSets.isOthers(parentKey) : allGateways.contains(parentKey)) {
                    continue;
                }
                conditions.add("Accepted", false, "NoMatchingParent", kind + " " + parentKey + " not found");
            } else {
                Optional<String> refused = gateway != null
                        ? attach(key, routeNs, routeHostnames, gateway.ownListeners(), "Gateway " + parentKey, ref)
                        : listenerSet.accepted
                        ? attach(key, routeNs, routeHostnames, listenerSet.listeners, "ListenerSet " + parentKey, ref)
                        : Optional.of("NotAllowedByListeners: ListenerSet " + parentKey + " is not accepted: "
                                + listenerSet.message);
                if (refused.isPresent()) {
                    String[] reasonAndMessage = refused.get().split(":", 2);
                    conditions.add("Accepted", false, reasonAndMessage[0], reasonAndMessage[1].trim());
                } else if (rules.filterFailure().isPresent()) {
                    conditions.add("Accepted", false, rules.filterFailure().get().reason(),
                            rules.filterFailure().get().message());
                } else {
                    conditions.add("Accepted", true, "Accepted", "Route is accepted");
                }
            }
            if (rules.unresolved().isPresent()) {
                conditions.add("ResolvedRefs", false, rules.unresolved().get().reason(), rules.unresolved().get().message());
            } else {
                conditions.add("ResolvedRefs", true, "ResolvedRefs", "All references are resolved");
            }
            Map<String, Object> parentRef = new LinkedHashMap<>();
            parentRef.put("group", group);
            parentRef.put("kind", kind);
            parentRef.put("namespace", ns);
            parentRef.put("name", ref.getName());
            if (ref.getSectionName() != null) {
                parentRef.put("sectionName", ref.getSectionName());
            }
            if (ref.getPort() != null) {
                parentRef.put("port", ref.getPort());
            }
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("parentRef", parentRef);
            parent.put("controllerName", controllerName);
            parent.put("conditions", conditions.list());
            parents.add(parent);
        }
        return parents;
    }

    /** Attaches to the selected listeners; returns {@code "Reason: message"} when none takes the route. */
    private Optional<String> attach(ResourceKey route, String routeNs, List<String> routeHostnames,
            List<ListenerState> listeners, String parent, ParentReference ref) {
        List<ListenerState> candidates = new ArrayList<>();
        for (ListenerState l : listeners) {
            if ((ref.getSectionName() == null || ref.getSectionName().equals(l.name))
                    && (ref.getPort() == null || ref.getPort() == l.port)) {
                candidates.add(l);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.of("NoMatchingParent: " + parent + " has no listener"
                    + (ref.getSectionName() == null ? "" : " named " + ref.getSectionName())
                    + (ref.getPort() == null ? "" : " on port " + ref.getPort()));
        }
        String kind = route.kind();
        List<ListenerState> kindAllowed = candidates.stream()
                .filter(l -> l.allows(route.group(), kind)).toList();
        if (kindAllowed.isEmpty()) {
            return Optional.of("NotAllowedByListeners: no selected listener of " + parent + " accepts the kind "
                    + kind);
        }
        List<ListenerState> allowed = kindAllowed.stream().filter(l -> namespaceAllowed(l, routeNs)).toList();
        if (allowed.isEmpty()) {
            return Optional.of("NotAllowedByListeners: no listener of " + parent + " allows " + kind + "s from namespace " + routeNs);
        }
        boolean attached = false;
        for (ListenerState l : allowed) {
            for (String hostname : routeHostnames) {
                Optional<String> effective = Hostnames.intersect(l.hostname, hostname);
                if (effective.isPresent()) {
                    l.attach(route, effective.get());
                    if (attachments != null) {
                        attachments.add(new TranslationMemo.Attached(l.irName(), effective.get()));
                    }
                    attached = true;
                }
            }
        }
        if (!attached) {
            return Optional.of("NoMatchingListenerHostname: no hostname of the route matches a listener hostname of "
                    + parent);
        }
        return Optional.empty();
    }

    private boolean namespaceAllowed(ListenerState listener, String routeNs) {
        RouteNamespaces allowed = listener.spec.getAllowedRoutes() == null ? null
                : listener.spec.getAllowedRoutes().getNamespaces();
        String from = allowed == null || allowed.getFrom() == null ? "Same" : allowed.getFrom();
        return switch (from) {
            case "All" -> true;
            case "Selector" -> allowed.getSelector() != null && namespaces.matches(allowed.getSelector(), routeNs);
            default -> routeNs.equals(listener.namespace());
        };
    }
}
