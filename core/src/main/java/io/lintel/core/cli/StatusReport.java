package io.lintel.core.cli;

import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.TranslationResult;
import io.lintel.spi.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints every resource's conditions the way {@code kubectl describe} users read them, and decides whether the
 * configuration is acceptable: no problems, and no resource, listener or route parent with {@code Accepted=False}
 * (or a Gateway with {@code Programmed=False}).
 */
final class StatusReport {

    private final PrintWriter out;
    private boolean allAccepted = true;

    StatusReport(PrintWriter out) {
        this.out = out;
    }

    /** Prints the report; returns true when everything was accepted. */
    boolean print(TranslationResult result) {
        for (ResourceStatus status : result.statuses()) {
            out.println(status.key() + ":");
            printConditions("  ", status.status().get("conditions"));
            for (Map<String, Object> listener : maps(status.status().get("listeners"))) {
                out.println("  listener " + listener.get("name") + " (attachedRoutes " + listener.get("attachedRoutes") + "):");
                printConditions("    ", listener.get("conditions"));
            }
            for (Map<String, Object> parent : maps(status.status().get("parents"))) {
                out.println("  parent " + describeParent(parent.get("parentRef")) + ":");
                printConditions("    ", parent.get("conditions"));
            }
        }
        List<ConfigProblem> problems = result.problems();
        if (!problems.isEmpty()) {
            allAccepted = false;
            out.println("problems:");
            problems.forEach(problem -> out.println("  " + problem));
        }
        out.println(allAccepted ? "configuration valid" : "configuration has errors");
        out.flush();
        return allAccepted;
    }

    private void printConditions(String indent, Object conditions) {
        for (Map<String, Object> condition : maps(conditions)) {
            Object type = condition.get("type");
            boolean isFalse = "False".equals(condition.get("status"));
            if (isFalse && ("Accepted".equals(type) || "Programmed".equals(type))) {
                allAccepted = false;
            }
            out.println(indent + type + "=" + condition.get("status") + " (" + condition.get("reason") + ")"
                    + messageSuffix(condition.get("message")));
        }
    }

    private static String messageSuffix(Object message) {
        return message == null || message.toString().isEmpty() ? "" : ": " + message;
    }

    private static String describeParent(Object parentRef) {
        if (!(parentRef instanceof Map<?, ?> ref)) {
            return String.valueOf(parentRef);
        }
        StringBuilder text = new StringBuilder(String.valueOf(ref.get("kind") == null ? "Gateway" : ref.get("kind"))).append(' ');
        if (ref.get("namespace") != null) {
            text.append(ref.get("namespace")).append('/');
        }
        text.append(ref.get("name"));
        if (ref.get("sectionName") != null) {
            text.append(" section ").append(ref.get("sectionName"));
        }
        if (ref.get("port") != null) {
            text.append(" port ").append(ref.get("port"));
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
