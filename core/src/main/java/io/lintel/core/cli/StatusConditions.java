package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.text;

import java.util.List;
import java.util.Map;

/** Reads Kubernetes-style {@code conditions} of a status for tables and descriptions. */
final class StatusConditions {

    private StatusConditions() {}

    /** The condition of {@code type}, or an empty map. */
    static Map<String, Object> find(Object conditions, String type) {
        return maps(conditions).stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
    }

    /**
     * One cell for a condition type over several condition lists (a route's parents, a policy's ancestors):
     * {@code True} when it is True in each, else the first other status with its reason ({@code False/NoMatchingParent});
     * {@code ""} when no list has the type.
     */
    static String summary(List<Object> conditionLists, String type) {
        String summary = "";
        for (Object conditions : conditionLists) {
            Map<String, Object> condition = find(conditions, type);
            if (condition.isEmpty()) {
                continue;
            }
            if (!"True".equals(condition.get("status"))) {
                return text(condition, "status") + "/" + text(condition, "reason");
            }
            summary = "True";
        }
        return summary;
    }

    /** {@code summary} of one condition list. */
    static String summary(Object conditions, String type) {
        return summary(List.of(conditions == null ? List.of() : conditions), type);
    }

    /** {@code Accepted=True (Accepted): message}, as {@code lintel validate} prints conditions. */
    static String line(Map<String, Object> condition) {
        String message = text(condition, "message");
        return text(condition, "type") + "=" + text(condition, "status") + " (" + text(condition, "reason") + ")"
                + (message.isEmpty() ? "" : ": " + message);
    }

    /** A parentRef or ancestorRef as people read it: {@code Gateway default/gw section http}. */
    static String reference(Object reference, String defaultNamespace) {
        Map<String, Object> ref = map(reference);
        StringBuilder text = new StringBuilder(ref.get("kind") == null ? "Gateway" : text(ref, "kind")).append(' ');
        text.append(ref.get("namespace") == null ? defaultNamespace : text(ref, "namespace")).append('/');
        text.append(text(ref, "name"));
        if (ref.get("sectionName") != null) {
            text.append(" section ").append(text(ref, "sectionName"));
        }
        if (ref.get("port") != null) {
            text.append(" port ").append(text(ref, "port"));
        }
        return text.toString();
    }
}
