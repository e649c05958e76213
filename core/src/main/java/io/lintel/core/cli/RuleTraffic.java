package io.lintel.core.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request counts per rule from {@code lintel_requests_total} of {@code GET /metrics} (Prometheus text format), and
 * the rate and error ratio between two reads of them: the admin API keeps counters, not rates.
 */
final class RuleTraffic {

    private static final String METRIC = "lintel_requests_total{";

    /** Requests a rule answered, and how many of them were errors (5xx, or no response at all: code 0). */
    record Counts(double requests, double errors) {
        Counts plus(Counts other) {
            return new Counts(requests + other.requests, errors + other.errors);
        }

        Counts minus(Counts earlier) {
            return new Counts(requests - earlier.requests, errors - earlier.errors);
        }
    }

    private final Map<String, Counts> byRule;

    private RuleTraffic(Map<String, Counts> byRule) {
        this.byRule = byRule;
    }

    /** Parses the exposition text; lines of other metrics are skipped. */
    static RuleTraffic parse(String metrics) {
        Map<String, Counts> byRule = new HashMap<>();
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(METRIC)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            if (close < 0) {
                continue;
            }
            Map<String, String> labels = labels(line.substring(METRIC.length(), close));
            String rule = labels.get("rule");
            double value;
            try {
                value = Double.parseDouble(line.substring(close + 1).trim().split(" ")[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            String code = labels.getOrDefault("code", "");
            boolean error = code.startsWith("5") || code.equals("0");
            byRule.merge(rule, new Counts(value, error ? value : 0), Counts::plus);
        }
        return new RuleTraffic(byRule);
    }

    Counts of(String rule) {
        return byRule.getOrDefault(rule, new Counts(0, 0));
    }

    /**
     * {@code requests} since start, and over the window between {@code earlier} and this read:
     * {@code requestsPerSecond} and {@code errorRatio} (null without traffic in the window).
     */
    Map<String, Object> describe(String rule, RuleTraffic earlier, double windowSeconds) {
        Counts now = of(rule);
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("requests", (long) now.requests());
        traffic.put("errors", (long) now.errors());
        if (earlier != null && windowSeconds > 0) {
            Counts window = now.minus(earlier.of(rule));
            traffic.put("windowSeconds", windowSeconds);
            traffic.put("requestsPerSecond", Math.round(window.requests() / windowSeconds * 100) / 100.0);
            traffic.put("errorRatio", window.requests() <= 0 ? null
                    : Math.round(window.errors() / window.requests() * 10000) / 10000.0);
        }
        return traffic;
    }

    /** Label pairs {@code name="value"}, with the format's escapes ({@code \\}, {@code \"}, {@code \n}) undone. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
                break;
            }
            String name = text.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }
}
