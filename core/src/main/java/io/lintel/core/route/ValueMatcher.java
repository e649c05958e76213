package io.lintel.core.route;

import com.google.re2j.Pattern;
import io.lintel.core.ir.IrValueMatchType;
import java.util.function.Function;

/**
 * A compiled header or query parameter value condition: equality or a full regular-expression match (RE2/J: linear
 * time in the value's length).
 */
public abstract sealed class ValueMatcher {

    /** False for null (the header or parameter is absent). */
    public abstract boolean matches(String value);

    /** The condition as a user wrote it, e.g. {@code Exact canary}, for explanations. */
    abstract String describe();

    public static ValueMatcher of(IrValueMatchType type, String value, Function<String, Pattern> patterns) {
        return switch (type) {
            case EXACT -> new Exact(value);
            case REGULAR_EXPRESSION -> new Regex(patterns.apply(value));
        };
    }

    private static final class Exact extends ValueMatcher {
        private final String value;

        Exact(String value) {
            this.value = value;
        }

        @Override
        public boolean matches(String actual) {
            return value.equals(actual);
        }

        @Override
        String describe() {
            return "Exact " + value;
        }
    }

    private static final class Regex extends ValueMatcher {
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public boolean matches(String actual) {
            return actual != null && pattern.matcher(actual).matches();
        }

        @Override
        String describe() {
            return "RegularExpression " + pattern.pattern();
        }
    }
}
