package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedListeners;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerNamespaces;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.ListenerSetObject;
import io.lintel.spi.kind.GatewayListener;
import io.lintel.spi.kind.ParentRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * ListenerSets (GEP-1713, Gateway API v1.5 standard; objects of a plugin's {@link io.lintel.spi.kind.ListenerSetKind},
 * which the {@code listenerset} plugin reads): decides which ListenerSets the Gateways of ours take
 * ({@code spec.allowedListeners}) and appends their listeners to the Gateway's, in precedence order (the Gateway's own
 * first, then ListenerSets by creation time, namespace and name), so that {@link SocketConflicts} marks the losers of
 * hostname and protocol conflicts. Routes reach these listeners through parentRefs of kind ListenerSet
 * ({@link RouteParents}); a Gateway parentRef never selects them.
 *
 * <p>The plugin only describes each object (parent and listeners); the Gateway side is core's: which objects a Gateway
 * takes, their listeners' checks and conflicts, route attachment and every status.
 */
final class ListenerSets {

    private static final String GROUP = GatewayEvaluator.GROUP;

    /** The ListenerSets whose parent is a Gateway of ours or does not exist, by {@code namespace/name}. */
    private final Map<String, ListenerSetState> ours = new LinkedHashMap<>();
    /** ListenerSets of Gateways of other controllers: left alone, as are routes' parentRefs to them. */
    private final Set<String> others = new HashSet<>();

    /** No ListenerSets at all. */
    static ListenerSets none() {
        return new ListenerSets();
    }

    /**
     * Takes the ListenerSets into their Gateways: checks each against its Gateway's {@code allowedListeners} and adds
     * the listeners of those allowed, checked by {@code evaluator}. Call {@link #conclude} once conflicts are marked.
     */
    static ListenerSets attach(List<DecodedResource<ListenerSetObject>> listenerSets,
            Map<String, GatewayState> ourGateways,
            Set<String> allGateways, NamespaceSelector namespaces, GatewayEvaluator evaluator) {
        ListenerSets sets = new ListenerSets();
        ourGateways.values().forEach(g -> {
            if (g.resource.object().getSpec().getAllowedListeners() != null) {
                g.attachedListenerSets = 0;
            }
        });
        List<DecodedResource<ListenerSetObject>> ordered = new ArrayList<>(listenerSets);
        ordered.sort(Comparator.comparing((DecodedResource<ListenerSetObject> s) -> CreationTimestamps.of(s.object()))
                .thenComparing(s -> ResourceIndex.namespaceOf(s.document()))
                .thenComparing(s -> s.document().key().name()));
        for (DecodedResource<ListenerSetObject> resource : ordered) {
            String ns = ResourceIndex.namespaceOf(resource.document());
            ParentRef ref = resource.object().listenerSet().parent();
            String gatewayKey = ref.namespace().orElse(ns) + "/" + ref.name();
            String setKey = ns + "/" + resource.document().key().name();
            boolean gatewayKind = GROUP.equals(ref.group()) && "Gateway".equals(ref.kind());
            GatewayState gateway = gatewayKind ? ourGateways.get(gatewayKey) : null;
            if (gateway == null && (!gatewayKind || allGateways.contains(gatewayKey))) {
                sets.others.add(setKey);
                continue;
            }
            ListenerSetState set = new ListenerSetState(resource, gateway);
            sets.ours.put(setKey, set);
            if (gateway == null) {
                set.refuse("ParentNotAccepted", "spec.parentRef: Gateway " + gatewayKey + " not found");
            } else if (!allowed(gateway, ns, namespaces)) {
                set.refuse("NotAllowed", "spec.parentRef: Gateway " + gatewayKey + " does not allow ListenerSets from "
                        + "namespace " + ns + " (its spec.allowedListeners.namespaces.from is " + from(gateway) + ")");
            } else if (!gateway.accepted) {
                set.refuse("ParentNotAccepted", "spec.parentRef: Gateway " + gatewayKey + " is not accepted: "
                        + gateway.acceptedMessage);
            } else {
                for (GatewayListener entry : resource.object().listenerSet().listeners()) {
                    ListenerState listener = new ListenerState(gateway, ContributedListeners.listener(entry), set);
                    evaluator.evaluateAttached(listener);
                    set.listeners.add(listener);
                    gateway.addListenerSetListener(listener);
                }
            }
        }
        return sets;
    }

    /** Decides each ListenerSet's acceptance (conflicts are known now) and counts each Gateway's accepted ones. */
    void conclude() {
        for (ListenerSetState set : ours.values()) {
            set.conclude();
            if (set.accepted) {
                set.gateway.attachedListenerSets = Objects.requireNonNullElse(set.gateway.attachedListenerSets, 0) + 1;
            }
        }
    }

    boolean isEmpty() {
        return ours.isEmpty();
    }

    /** The ListenerSet {@code namespace/name} of ours; null when it is not ours (see {@link #isOthers}) or unknown. */
    ListenerSetState get(String key) {
        return ours.get(key);
    }

    /** True for a ListenerSet whose parent is another controller's Gateway. */
    boolean isOthers(String key) {
        return others.contains(key);
    }

    void addStatuses(List<ResourceStatus> statuses, String time) {
        ours.values().forEach(set -> statuses.add(Translator.status(set.resource, set.status(time))));
    }

    private static boolean allowed(GatewayState gateway, String ns, NamespaceSelector namespaces) {
        ListenerNamespaces allowed = allowedNamespaces(gateway);
        return switch (from(gateway)) {
            case "All" -> true;
            case "Same" -> ns.equals(gateway.namespace);
            case "Selector" -> allowed.getSelector() != null && namespaces.matches(allowed.getSelector(), ns);
            default -> false;
        };
    }

    /** {@code spec.allowedListeners.namespaces.from}; {@code None} when absent, as the API defaults it. */
    private static String from(GatewayState gateway) {
        ListenerNamespaces allowed = allowedNamespaces(gateway);
        return allowed == null || allowed.getFrom() == null ? "None" : allowed.getFrom();
    }

    private static ListenerNamespaces allowedNamespaces(GatewayState gateway) {
        AllowedListeners allowed = gateway.resource.object().getSpec().getAllowedListeners();
        return allowed == null ? null : allowed.getNamespaces();
    }
}
