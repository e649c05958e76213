package io.lintel.core.translate;

import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.ListenerSetObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the translator found out about one ListenerSet (GEP-1713) whose parent is a Gateway of ours: whether the
 * Gateway takes it, and the listeners it adds to the Gateway. Filled in by {@link ListenerSets}.
 */
final class ListenerSetState {

    final DecodedResource<ListenerSetObject> resource;
    final String namespace;
    final String name;
    final long generation;
    /** The parent Gateway; null when it does not exist. */
    final GatewayState gateway;
    /** Its listeners, in spec order; empty when the Gateway does not take the ListenerSet. */
    final List<ListenerState> listeners = new ArrayList<>();
    boolean accepted;
    String reason;
    String message;

    ListenerSetState(DecodedResource<ListenerSetObject> resource, GatewayState gateway) {
        this.resource = resource;
        this.namespace = ResourceIndex.namespaceOf(resource.document());
        this.name = resource.document().key().name();
        this.generation = resource.generation();
        this.gateway = gateway;
    }

    String key() {
        return namespace + "/" + name;
    }

    void refuse(String reason, String message) {
        this.accepted = false;
        this.reason = reason;
        this.message = message;
    }

    /** Decides Accepted once conflicts are known: the spec accepts a ListenerSet when at least one listener is valid. */
    void conclude() {
        if (reason != null) {
            return;
        }
        List<String> invalid = listeners.stream().filter(l -> !l.programmed()).map(l -> l.name).toList();
        if (invalid.size() == listeners.size()) {
            refuse("ListenersNotValid", "no listener is valid: " + String.join(", ", invalid));
            return;
        }
        accepted = true;
        reason = "Accepted";
        message = invalid.isEmpty() ? "ListenerSet is accepted by Gateway " + gateway.namespace + "/" + gateway.name
                : "ListenerSet is accepted, but some listeners are not valid: " + String.join(", ", invalid);
    }

    Map<String, Object> status(String time) {
        Conditions c = new Conditions(generation, time);
        c.add("Accepted", accepted, reason, message);
        c.add("Programmed", accepted, accepted ? "Programmed" : reason,
                accepted ? "ListenerSet is programmed" : "ListenerSet is not served: " + message);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("conditions", c.list());
        s.put("listeners", listeners.stream().map(l -> listenerStatus(l, time)).toList());
        return s;
    }

    /**
     * A listener's entry of {@code status.listeners}: as a Gateway listener's, with the ListenerSet's generation, and
     * a conflict named as the reason of Programmed too (what GEP-1713's conformance tests look for).
     */
    private Map<String, Object> listenerStatus(ListenerState l, String time) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", l.name);
        s.put("supportedKinds", l.supportedKinds.stream().map(ListenerSetState::kind).toList());
        s.put("attachedRoutes", l.routes.size());
        Conditions c = new Conditions(generation, time);
        if (l.conflictReason != null) {
            c.add("Accepted", false, l.conflictReason, l.conflictMessage);
            c.add("Conflicted", true, l.conflictReason, l.conflictMessage);
        } else {
            c.add("Accepted", l.accepted, l.acceptedReason, l.acceptedMessage);
            c.add("Conflicted", false, "NoConflicts", "No conflicts");
        }
        boolean programmed = l.gateway.accepted && l.programmed();
        String notProgrammed = l.conflictReason != null ? l.conflictReason : "Invalid";
        c.add("Programmed", programmed, programmed ? "Programmed" : notProgrammed,
                programmed ? "Listener is programmed" : "Listener is not served: " + notServedBecause(l));
        c.add("ResolvedRefs", l.resolvedRefs, l.resolvedRefsReason, l.resolvedRefsMessage);
        s.put("conditions", c.list());
        return s;
    }

    /** A supportedKinds entry; ordered (group, kind), as a Gateway listener's, so that the output is stable. */
    private static Map<String, Object> kind(ListenerState.Kind kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", kind.group());
        m.put("kind", kind.kind());
        return m;
    }

    private static String notServedBecause(ListenerState l) {
        if (l.conflictReason != null) {
            return l.conflictMessage;
        }
        return l.accepted ? l.resolvedRefsMessage : l.acceptedMessage;
    }
}
