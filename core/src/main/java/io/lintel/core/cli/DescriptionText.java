package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.text;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link Description} for people, in the indented sections {@code kubectl describe} users know. */
final class DescriptionText {

    private final PrintWriter out;

    DescriptionText(PrintWriter out) {
        this.out = out;
    }

    void print(Map<String, Object> document) {
        String namespace = text(document, "namespace");
        out.println(text(document, "kind") + " " + (namespace.isEmpty() ? "" : namespace + "/") + text(document, "name")
                + (document.get("generation") == null ? "" : " (generation " + document.get("generation") + ")"));
        switch (text(document, "kind")) {
            case "Backend" -> printBackend(document);
            case "Gateway" -> printGateway(document);
            default -> {
                if (document.containsKey("parents")) {
                    printRoute(document);
                } else {
                    printConditions("", document.get("conditions"));
                    for (Map<String, Object> ancestor : maps(document.get("ancestors"))) {
                        out.println("ancestor " + text(ancestor, "ancestorRef") + ":");
                        printConditions("  ", ancestor.get("conditions"));
                    }
                }
            }
        }
        List<Map<String, Object>> problems = maps(document.get("problems"));
        if (!problems.isEmpty()) {
            out.println("problems:");
            problems.forEach(problem -> out.println("  " + text(problem, "location") + " " + text(problem, "field")
                    + ": " + text(problem, "message")));
        }
        out.flush();
    }

    private void printGateway(Map<String, Object> document) {
        printConditions("", document.get("conditions"));
        out.println("addresses: " + String.join(", ", JsonTree.strings(document.get("addresses"))));
        out.println("listeners:");
        for (Map<String, Object> listener : maps(document.get("listeners"))) {
            out.println("  " + text(listener, "name") + (listener.get("socket") == null ? " (not served)"
                    : " on " + text(listener, "socket") + " (" + text(listener, "protocol") + ", hostname "
                    + text(listener, "hostname") + ")") + ", " + text(listener, "attachedRoutes") + " attached routes");
            printConditions("    ", listener.get("conditions"));
            List<String> routes = JsonTree.strings(listener.get("routes"));
            if (!routes.isEmpty()) {
                out.println("    routes served: " + String.join(", ", routes));
            }
        }
    }

    private void printRoute(Map<String, Object> document) {
        out.println("parents:");
        for (Map<String, Object> parent : maps(document.get("parents"))) {
            out.println("  " + text(parent, "parentRef") + ":");
            printConditions("    ", parent.get("conditions"));
            List<Map<String, Object>> servedOn = maps(parent.get("servedOn"));
            out.println("    served on: " + (servedOn.isEmpty() ? "no listener" : servedOn.stream()
                    .map(on -> text(on, "listener") + " (" + text(on, "socket") + ", hostname " + text(on, "hostname") + ")")
                    .collect(Collectors.joining(", "))));
            for (Map<String, Object> not : maps(parent.get("notServedOn"))) {
                out.println("    not on " + text(not, "listener") + ": " + text(not, "reason"));
            }
        }
        List<Map<String, Object>> rules = maps(document.get("rules"));
        out.println("rules:" + (rules.isEmpty() ? " none served" : ""));
        for (Map<String, Object> rule : rules) {
            String name = text(rule, "name");
            out.println("  rule " + text(rule, "index") + (name.isEmpty() ? "" : " (name " + name + ")") + ": "
                    + text(rule, "rule"));
            out.println("    hostnames: " + String.join(", ", JsonTree.strings(rule.get("hostnames"))));
            JsonTree.strings(rule.get("matches")).forEach(match -> out.println("    match: " + match));
            for (Map<String, Object> filter : maps(rule.get("filters"))) {
                out.println("    filter: " + text(filter, "type") + " " + compact(filter.get("spec")));
            }
            if (JsonTree.number(rule, "directResponseStatus") != 0) {
                out.println("    answers " + JsonTree.number(rule, "directResponseStatus")
                        + " itself (an invalid filter or no valid backend: see the conditions)");
            }
            for (Map<String, Object> backend : maps(rule.get("backends"))) {
                out.println("    backend " + BackendText.describe(backend));
                for (Map<String, Object> filter : maps(backend.get("filters"))) {
                    out.println("      filter: " + text(filter, "type") + " " + compact(filter.get("spec")));
                }
                if (backend.get("tls") != null) {
                    out.println("      tls: " + compact(backend.get("tls")));
                }
            }
            out.println("    traffic: " + traffic(map(rule.get("traffic"))));
        }
    }

    private void printBackend(Map<String, Object> document) {
        for (Map<String, Object> port : maps(document.get("ports"))) {
            out.println("  " + BackendText.describe(port));
            out.println("    used by: " + String.join(", ", JsonTree.strings(port.get("rules"))));
        }
    }

    private void printConditions(String indent, Object conditions) {
        List<Map<String, Object>> list = maps(conditions);
        if (!list.isEmpty()) {
            out.println(indent + "conditions:");
            list.forEach(condition -> out.println(indent + "  " + StatusConditions.line(condition)));
        }
    }

    /** {@code 12 requests since start (0 errors); 3.5/s, 0.0% errors over the last 1 s}. */
    static String traffic(Map<String, Object> traffic) {
        StringBuilder text = new StringBuilder()
                .append(JsonTree.number(traffic, "requests")).append(" requests since start (")
                .append(JsonTree.number(traffic, "errors")).append(" errors)");
        if (traffic.containsKey("requestsPerSecond")) {
            Object ratio = traffic.get("errorRatio");
            text.append("; ").append(traffic.get("requestsPerSecond")).append("/s")
                    .append(ratio == null ? "" : String.format(Locale.ROOT, ", %.1f%% errors",
                            ((Number) ratio).doubleValue() * 100))
                    .append(" over the last ").append(traffic.get("windowSeconds")).append(" s");
        }
        return text.toString();
    }

    private static String compact(Object spec) {
        return OutputFormat.compactJson(spec);
    }
}
