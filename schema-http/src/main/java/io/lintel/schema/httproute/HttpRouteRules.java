package io.lintel.schema.httproute;

import io.lintel.schema.ListSchema;
import io.lintel.schema.Violations;
import io.lintel.schema.gatewayapi.Patterns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The HTTPRoute CRD's cross-field (CEL) rules, plus regular expressions that must compile. */
public final class HttpRouteRules {


    private static final Set<String> NOT_REPEATABLE =
            Set.of("RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite", "CORS");
    private static final Pattern PATH_CHARS = Pattern.compile(Patterns.PATH_CHARS);

    public static void pathValue(Map<?, ?> path, String at, Violations out) {
        String type = (String) Objects.requireNonNullElse(path.get("type"), "PathPrefix");
        String value = (String) Objects.requireNonNullElse(path.get("value"), "/");
        String field = Violations.field(at, "value");
        if (type.equals("RegularExpression")) {
            compiles(value, field, out);
            return;
        }
        if (!value.startsWith("/")) {
            out.add(field, "\"" + value + "\" must be an absolute path and start with '/' when type is " + type);
            return;
        }
        for (String bad : List.of("//", "/./", "/../", "%2f", "%2F", "#")) {
            if (value.contains(bad)) {
                out.add(field, "\"" + value + "\" must not contain '" + bad + "' when type is " + type);
                return;
            }
        }
        if (value.endsWith("/..") || value.endsWith("/.")) {
            out.add(field, "\"" + value + "\" must not end with '/..' or '/.' when type is " + type);
            return;
        }
        if (!PATH_CHARS.matcher(value).matches()) {
            out.add(field, "\"" + value + "\" must only contain valid characters (matching " + Patterns.PATH_CHARS
                    + ") when type is " + type);
        }
    }

    public static void regexCompiles(Map<?, ?> match, String at, Violations out) {
        if ("RegularExpression".equals(match.get("type"))) {
            compiles((String) match.get("value"), Violations.field(at, "value"), out);
        }
    }

    private static void compiles(String regex, String field, Violations out) {
        UserRegex.check(regex, field, out);
    }

    public static void filterFieldMatchesType(Map<?, ?> filter, String at, Violations out) {
        String type = (String) filter.get("type");
        FilterFields.BY_TYPE.forEach((t, field) -> {
            boolean present = filter.get(field) != null;
            if (t.equals(type) && !present) {
                out.add(Violations.field(at, field), "must be specified for " + t + " filter.type");
            } else if (!t.equals(type) && present) {
                out.add(Violations.field(at, field), "must be nil if the filter.type is not " + t);
            }
        });
    }

    public static void filtersCompatible(List<?> filters, String at, Violations out) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < filters.size(); i++) {
            String type = (String) ((Map<?, ?>) filters.get(i)).get("type");
            if (NOT_REPEATABLE.contains(type) && seen.containsKey(type)) {
                out.add(Violations.index(at, i), type + " filter cannot be repeated");
            }
            seen.putIfAbsent(type, i);
        }
        if (seen.containsKey("RequestRedirect") && seen.containsKey("URLRewrite")) {
            out.add(at, "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both");
        }
    }

    public static void redirectWithoutBackends(Map<?, ?> rule, String at, Violations out) {
        boolean backends = rule.get("backendRefs") instanceof List<?> l && !l.isEmpty();
        if (backends && filterTypes(rule).contains("RequestRedirect")) {
            out.add(Violations.field(at, "filters"), "RequestRedirect filter must not be used together with backendRefs");
        }
    }

    /**
     * The four CEL rules "(Within backendRefs, ) when using RequestRedirect/URLRewrite filter with
     * path.replacePrefixMatch, exactly one PathPrefix match must be specified". As the CRD writes them with
     * {@code exists_one}, each applies only when exactly one filter of the rule (or exactly one backendRef, with exactly
     * one such filter) uses ReplacePrefixMatch of that filter type.
     */
    public static void replacePrefixMatchNeedsOnePrefix(Map<?, ?> rule, String at, Violations out) {
        if (onePrefixMatch(rule)) {
            return;
        }
        for (String field : List.of("requestRedirect", "urlRewrite")) {
            List<Integer> inRule = replacePrefixFilters(rule.get("filters"), field);
            if (inRule.size() == 1) {
                out.add(Violations.index(Violations.field(at, "filters"), inRule.get(0)) + "." + field + ".path",
                        "when using ReplacePrefixMatch, exactly one PathPrefix match must be specified");
            }
            if (rule.get("backendRefs") instanceof List<?> refs) {
                int backendWith = -1;
                int count = 0;
                int filterIndex = -1;
                for (int i = 0; i < refs.size(); i++) {
                    List<Integer> inRef = replacePrefixFilters(((Map<?, ?>) refs.get(i)).get("filters"), field);
                    if (inRef.size() == 1) {
                        count++;
                        backendWith = i;
                        filterIndex = inRef.get(0);
                    }
                }
                if (count == 1) {
                    out.add(Violations.index(Violations.field(at, "backendRefs"), backendWith) + ".filters["
                            + filterIndex + "]." + field + ".path",
                            "when using ReplacePrefixMatch, exactly one PathPrefix match must be specified");
                }
            }
        }
    }

    /** The indexes of the filters whose {@code field} (requestRedirect or urlRewrite) has a ReplacePrefixMatch path. */
    private static List<Integer> replacePrefixFilters(Object filterList, String field) {
        if (!(filterList instanceof List<?> filters)) {
            return List.of();
        }
        java.util.ArrayList<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            if (((Map<?, ?>) filters.get(i)).get(field) instanceof Map<?, ?> f && f.get("path") instanceof Map<?, ?> p
                    && "ReplacePrefixMatch".equals(p.get("type")) && p.get("replacePrefixMatch") != null) {
                found.add(i);
            }
        }
        return found;
    }

    /** With the CRD's defaults: absent matches are one PathPrefix "/" match, an absent path is PathPrefix "/". */
    private static boolean onePrefixMatch(Map<?, ?> rule) {
        if (!(rule.get("matches") instanceof List<?> matches)) {
            return true;
        }
        if (matches.size() != 1) {
            return false;
        }
        Object path = ((Map<?, ?>) matches.get(0)).get("path");
        return !(path instanceof Map<?, ?> p) || Objects.requireNonNullElse(p.get("type"), "PathPrefix").equals("PathPrefix");
    }

    private static Set<String> filterTypes(Map<?, ?> rule) {
        if (!(rule.get("filters") instanceof List<?> filters)) {
            return Set.of();
        }
        java.util.HashSet<String> types = new java.util.HashSet<>();
        filters.forEach(f -> types.add(String.valueOf(((Map<?, ?>) f).get("type"))));
        return types;
    }

    /**
     * "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must
     * be less than 128" (at most 128), counting a rule without {@code matches} as {@code absentMatches}: HTTPRoute's
     * {@code rules[].matches} defaults to one PathPrefix "/" match (1), GRPCRoute's has no default (0).
     */
    public static ListSchema.Rule totalMatchesBounded(int absentMatches) {
        return (rules, at, out) -> {
            int total = 0;
            for (Object rule : rules) {
                total += ((Map<?, ?>) rule).get("matches") instanceof List<?> matches ? matches.size() : absentMatches;
            }
            if (total > 128) {
                out.add(at, "the total number of matches across all rules must be at most 128 (found " + total + ")");
            }
        };
    }

    private HttpRouteRules() {}
}
