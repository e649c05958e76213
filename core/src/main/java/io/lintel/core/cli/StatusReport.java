package io.lintel.core.cli;

import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.TranslationResult;
import io.lintel.spi.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints every resource's conditions the way {@code kubectl describe} users read them (or one JSON document), and
 * decides whether the configuration is acceptable: no problems, and no resource, listener or route parent with
 * {@code Accepted=False} (or a Gateway with {@code Programmed=False}); in strict mode also no warning
 * ({@link ConditionSeverity}).
 */
final class StatusReport {

    private final PrintWriter out;
    private final boolean strict;
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private final List<Map<String, Object>> warnings = new ArrayList<>();

    StatusReport(PrintWriter out) {
        this(out, false);
    }

    /** @param strict whether warnings make the configuration invalid */
    StatusReport(PrintWriter out, boolean strict) {
        this.out = out;
        this.strict = strict;
    }

    /** Prints the report as text; returns true when the configuration is valid. */
    boolean print(TranslationResult result) {
        for (ResourceStatus status : result.statuses()) {
            out.println(status.key() + ":");
            printConditions(status, "", "  ", status.status().get("conditions"));
            for (Map<String, Object> listener : maps(status.status().get("listeners"))) {
                out.println("  listener " + listener.get("name") + " (attachedRoutes " + listener.get("attachedRoutes") + "):");
                printConditions(status, "listener " + listener.get("name"), "    ", listener.get("conditions"));
            }
            for (Map<String, Object> parent : maps(status.status().get("parents"))) {
                String where = "parent " + StatusConditions.reference(parent.get("parentRef"), status.key().namespace());
                out.println("  " + where + ":");
                printConditions(status, where, "    ", parent.get("conditions"));
            }
            for (Map<String, Object> ancestor : maps(status.status().get("ancestors"))) {
                String where = "ancestor " + StatusConditions.reference(ancestor.get("ancestorRef"), status.key().namespace());
                out.println("  " + where + ":");
                printConditions(status, where, "    ", ancestor.get("conditions"));
            }
        }
        List<ConfigProblem> problems = result.problems();
        if (!problems.isEmpty()) {
            out.println("problems:");
            problems.forEach(problem -> out.println("  " + problem));
        }
        boolean valid = valid(result);
        if (!warnings.isEmpty()) {
            out.println(warnings.size() + " warning(s)" + (strict ? " (--strict: they fail validation)" : ""));
        }
        out.println(valid ? "configuration valid" : "configuration has errors");
        out.flush();
        return valid;
    }

    /**
     * Prints one JSON document: {@code valid}, {@code strict}, the {@code errors} and {@code warnings} (each the
     * resource, where in its status, and the condition), the {@code problems}, and every resource's {@code status};
     * returns true when the configuration is valid.
     */
    boolean printJson(TranslationResult result) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ResourceStatus status : result.statuses()) {
            classify(status, "", status.status().get("conditions"));
            maps(status.status().get("listeners")).forEach(listener ->
                    classify(status, "listener " + listener.get("name"), listener.get("conditions")));
            maps(status.status().get("parents")).forEach(parent -> classify(status, "parent "
                    + StatusConditions.reference(parent.get("parentRef"), status.key().namespace()), parent.get("conditions")));
            maps(status.status().get("ancestors")).forEach(ancestor -> classify(status, "ancestor "
                    + StatusConditions.reference(ancestor.get("ancestorRef"), status.key().namespace()),
                    ancestor.get("conditions")));
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("kind", status.key().kind());
            resource.put("namespace", status.key().namespace());
            resource.put("name", status.key().name());
            resource.put("status", status.status());
            resources.add(resource);
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        for (ConfigProblem problem : result.problems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("location", problem.location().toString());
            entry.put("resource", problem.resource().map(Object::toString).orElse(null));
            entry.put("field", problem.fieldPath());
            entry.put("message", problem.message());
            problems.add(entry);
        }
        boolean valid = valid(result);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("valid", valid);
        document.put("strict", strict);
        document.put("errors", errors);
        document.put("warnings", warnings);
        document.put("problems", problems);
        document.put("resources", resources);
        OutputFormat.JSON.print(document, out);
        return valid;
    }

    private boolean valid(TranslationResult result) {
        return result.problems().isEmpty() && errors.isEmpty() && (!strict || warnings.isEmpty());
    }

    private void printConditions(ResourceStatus status, String where, String indent, Object conditions) {
        classify(status, where, conditions);
        for (Map<String, Object> condition : maps(conditions)) {
            out.println(indent + StatusConditions.line(condition));
        }
    }

    private void classify(ResourceStatus status, String where, Object conditions) {
        for (Map<String, Object> condition : maps(conditions)) {
            ConditionSeverity severity = ConditionSeverity.of(condition.get("type"), condition.get("status"));
            if (severity == ConditionSeverity.OK) {
                continue;
            }
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("resource", status.key().toString());
            finding.put("where", where);
            finding.put("condition", condition);
            (severity == ConditionSeverity.ERROR ? errors : warnings).add(finding);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
