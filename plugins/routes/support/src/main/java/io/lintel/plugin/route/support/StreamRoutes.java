package io.lintel.plugin.route.support;

import io.lintel.spi.kind.BackendRef;
import io.lintel.spi.kind.ParentRef;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a valid route document (its {@code spec.parentRefs}, {@code spec.hostnames}, {@code spec.rules[].name} and
 * {@code spec.rules[].backendRefs}) into a {@link StreamRoute}, applying the CRD's defaults: parent group
 * {@code gateway.networking.k8s.io} and kind {@code Gateway}, backend group {@code ""} (core) and kind
 * {@code Service}, weight 1. Only call it on a document the kind's schema accepted.
 */
public final class StreamRoutes {

    private StreamRoutes() {}

    /** The route of {@code document} (the whole object, as parsed). */
    public static StreamRoute read(Map<String, Object> document) {
        Map<?, ?> spec = map(document.get("spec"));
        List<StreamRouteRule> rules = new ArrayList<>();
        for (Object item : list(spec.get("rules"))) {
            Map<?, ?> rule = map(item);
            List<BackendRef> backendRefs = new ArrayList<>();
            for (Object refItem : list(rule.get("backendRefs"))) {
                backendRefs.add(backendRef(map(refItem)));
            }
            rules.add(new StreamRouteRule(optionalString(rule, "name"), backendRefs));
        }
        return new StreamRoute(parentRefs(spec), hostnames(spec), rules);
    }

    /** A valid route's {@code spec.parentRefs} (its {@code spec}, as parsed), with the CRD's defaults. */
    public static List<ParentRef> parentRefs(Map<?, ?> spec) {
        List<ParentRef> parentRefs = new ArrayList<>();
        for (Object item : list(spec.get("parentRefs"))) {
            Map<?, ?> ref = map(item);
            parentRefs.add(new ParentRef(string(ref, "group", ParentRef.GATEWAY_GROUP), string(ref, "kind", "Gateway"),
                    optionalString(ref, "namespace"), (String) ref.get("name"), optionalString(ref, "sectionName"),
                    optionalInt(ref, "port")));
        }
        return parentRefs;
    }

    /** A valid route's {@code spec.hostnames} (its {@code spec}, as parsed); empty when it has none. */
    public static List<String> hostnames(Map<?, ?> spec) {
        List<String> hostnames = new ArrayList<>();
        for (Object hostname : list(spec.get("hostnames"))) {
            hostnames.add((String) hostname);
        }
        return hostnames;
    }

    /** A valid {@code backendRefs[]} entry (as parsed), with the CRD's defaults. */
    public static BackendRef backendRef(Map<?, ?> ref) {
        return new BackendRef(string(ref, "group", ""), string(ref, "kind", "Service"),
                optionalString(ref, "namespace"), (String) ref.get("name"), optionalInt(ref, "port"),
                optionalInt(ref, "weight").orElse(1));
    }

    /** {@code value} if it is a map, else an empty one. */
    public static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** {@code value} if it is a list, else an empty one. */
    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String string(Map<?, ?> map, String field, String defaultValue) {
        return map.get(field) instanceof String s ? s : defaultValue;
    }

    /** The string at {@code field}, if any. */
    public static Optional<String> optionalString(Map<?, ?> map, String field) {
        return map.get(field) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Optional<Integer> optionalInt(Map<?, ?> map, String field) {
        return map.get(field) instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }
}
