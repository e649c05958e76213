package io.lintel.core.cli;

import static io.lintel.core.cli.JsonTree.map;
import static io.lintel.core.cli.JsonTree.maps;
import static io.lintel.core.cli.JsonTree.number;
import static io.lintel.core.cli.JsonTree.text;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a {@code GET /explain} document for people: per socket, the path a request takes and why. */
final class ExplainText {

    private final PrintWriter out;

    ExplainText(PrintWriter out) {
        this.out = out;
    }

    void print(Map<String, Object> document) {
        Map<String, Object> request = map(document.get("request"));
        out.println("request: " + text(request, "method") + " " + text(request, "host") + text(request, "path")
                + pairs(" query ", request.get("query"), "=") + pairs(" headers ", request.get("headers"), ": "));
        List<Map<String, Object>> explanations = maps(document.get("explanations"));
        if (explanations.isEmpty()) {
            out.println("no socket serves HTTP: nothing would answer");
        }
        explanations.forEach(this::printSocket);
        out.flush();
    }

    private void printSocket(Map<String, Object> explanation) {
        out.println();
        out.println("socket " + text(explanation, "socket") + " (" + text(explanation, "protocol") + "), host "
                + text(explanation, "host") + ", path " + text(explanation, "path"));
        JsonTree.strings(explanation.get("notes")).forEach(note -> out.println("  note: " + note));
        List<Map<String, Object>> listeners = maps(explanation.get("listeners"));
        if (!listeners.isEmpty()) {
            out.println("  listeners:");
            listeners.forEach(listener -> out.println("    " + mark(listener) + " " + text(listener, "name")
                    + " (hostname " + text(listener, "hostname") + "): " + verdict(listener, "listener")));
        }
        List<Map<String, Object>> hosts = maps(explanation.get("virtualHosts"));
        if (!hosts.isEmpty()) {
            out.println("  route hostnames:");
            hosts.forEach(host -> out.println("    " + mark(host) + " " + text(host, "hostname") + ": "
                    + verdict(host, "hostname") + " (routes: " + String.join(", ", JsonTree.strings(host.get("routes")))
                    + ")"));
        }
        List<Map<String, Object>> matches = maps(explanation.get("matches"));
        if (!matches.isEmpty()) {
            out.println("  matches, in precedence order:");
            int position = 1;
            for (Map<String, Object> match : matches) {
                boolean applied = match.get("mismatch") == null;
                out.println("    " + (applied ? "+" : "-") + " " + position++ + ". " + text(match, "match")
                        + ruleName(match) + ": " + (applied ? "matches" : text(match, "reason")));
            }
        }
        long notShown = number(explanation, "matchesNotShown");
        if (notShown > 0) {
            out.println("    ... " + notShown + " more matches did not apply (--limit)");
        }
        printResult(map(explanation.get("result")));
    }

    private void printResult(Map<String, Object> result) {
        if (!Boolean.TRUE.equals(result.get("matched"))) {
            out.println("  => no route matches: answered " + statusOr(result, 404) + " (rule " + text(result, "rule") + ")");
            return;
        }
        out.println("  => listener " + text(result, "listener") + ", route " + text(result, "route") + ", rule "
                + text(result, "rule") + ruleName(result));
        if (number(result, "directResponseStatus") != 0) {
            out.println("     answered " + number(result, "directResponseStatus") + " by the gateway (the rule is invalid or has no backend)");
        }
        for (Map<String, Object> backend : maps(result.get("backends"))) {
            out.println("     backend " + BackendText.describe(backend));
        }
    }

    private static String statusOr(Map<String, Object> result, int fallback) {
        long status = number(result, "directResponseStatus");
        return Long.toString(status == 0 ? fallback : status);
    }

    private static String ruleName(Map<String, Object> rule) {
        String name = text(rule, "ruleName");
        return name.isEmpty() ? "" : " (name " + name + ")";
    }

    private static String mark(Map<String, Object> candidate) {
        return "SELECTED".equals(text(candidate, "verdict")) ? "+" : "-";
    }

    private static String verdict(Map<String, Object> candidate, String what) {
        return switch (text(candidate, "verdict")) {
            case "SELECTED" -> "selected";
            case "LESS_SPECIFIC" -> "covers the host, but a more specific " + what + " was selected";
            default -> "does not cover the host";
        };
    }

    private static String pairs(String prefix, Object entries, String separator) {
        List<Map<String, Object>> list = maps(entries);
        if (list.isEmpty()) {
            return "";
        }
        return list.stream()
                .map(entry -> text(entry, "name") + separator + text(entry, "value"))
                .collect(Collectors.joining(", ", prefix, ""));
    }
}
