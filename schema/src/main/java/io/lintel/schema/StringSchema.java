package io.lintel.schema;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A string with optional length bounds, pattern and enumeration; immutable, built fluently. Patterns are the CRDs'
 * own: fixed, short, and only applied to values already bounded by their {@code maxLength}.
 */
public final class StringSchema implements Schema {

    private final int minLength;
    private final int maxLength;
    private final Pattern pattern;
    private final List<String> allowed;
    private final Set<String> allowedSet;

    private StringSchema(int minLength, int maxLength, Pattern pattern, List<String> allowed) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.pattern = pattern;
        this.allowed = allowed;
        this.allowedSet = allowed == null ? null : Set.copyOf(allowed);
    }

    public static StringSchema string() {
        return new StringSchema(0, Integer.MAX_VALUE, null, null);
    }

    public StringSchema length(int min, int max) {
        return new StringSchema(min, max, pattern, allowed);
    }

    public StringSchema pattern(String regex) {
        return new StringSchema(minLength, maxLength, Pattern.compile(regex), allowed);
    }

    public StringSchema oneOf(String... values) {
        return new StringSchema(minLength, maxLength, pattern, List.of(values));
    }

    @Override
    public void check(Object value, String path, Violations out) {
        if (!(value instanceof String s)) {
            out.add(path, "expected a string, got " + Schema.describe(value));
            return;
        }
        if (allowedSet != null && !allowedSet.contains(s)) {
            out.add(path, "unsupported value \"" + s + "\" (expected one of " + String.join(", ", allowed) + ")");
            return;
        }
        if (s.length() < minLength) {
            out.add(path, minLength == 1
                    ? "must not be empty"
                    : "\"" + s + "\" is too short (expected at least " + minLength + " characters)");
            return;
        }
        if (s.length() > maxLength) {
            out.add(path, "is too long: " + s.length() + " characters (expected at most " + maxLength + ")");
            return;
        }
        // OpenAPI patterns are searched, not matched whole (Go's regexp MatchString): anchors are the pattern's own.
        if (pattern != null && !pattern.matcher(s).find()) {
            out.add(path, "\"" + s + "\" is invalid (expected to match " + pattern.pattern() + ")");
        }
    }
}
