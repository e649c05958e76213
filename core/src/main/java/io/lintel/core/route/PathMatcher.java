package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Pattern;
import io.lintel.core.ir.IrPathMatch;
import java.util.function.Function;

/**
 * A compiled path condition (path without query). {@code PREFIX} matches whole segments and ignores a trailing
 * slash in its value; {@code REGULAR_EXPRESSION} must match the whole path. Expressions are RE2/J patterns: matching
 * is linear in the path's length whatever the expression (no backtracking, so no ReDoS on an event loop).
 */
public abstract sealed class PathMatcher {

    /** What a matcher tests, for indexing (see {@link MatchIndex}). */
    enum Kind { ANY, EXACT, PREFIX, REGULAR_EXPRESSION }

    public abstract boolean matches(String path);

    /** The condition as a user wrote it, e.g. {@code PathPrefix /api}, for explanations. */
    String describe() {
        return switch (kind()) {
            case ANY -> "PathPrefix /";
            case EXACT -> "Exact " + value();
            case PREFIX -> "PathPrefix " + value();
            case REGULAR_EXPRESSION -> "RegularExpression " + value();
        };
    }

    abstract Kind kind();

    /**
     * The exact path, the prefix without trailing slashes, or the regular expression; {@code ""} for {@link Kind#ANY}.
     */
    abstract String value();

    /** The compiled expression of a {@link Kind#REGULAR_EXPRESSION} matcher; null for the other kinds. */
    Pattern regex() {
        return null;
    }

    /** Compiles {@code match}; {@code patterns} hands out compiled (possibly cached) regular expressions. */
    public static PathMatcher of(IrPathMatch match, Function<String, Pattern> patterns) {
        requireNonNull(match, "match");
        return switch (match.type()) {
            case EXACT -> new Exact(match.value());
            case PREFIX -> prefix(match.value());
            case REGULAR_EXPRESSION -> new Regex(patterns.apply(match.value()));
        };
    }

    static PathMatcher prefix(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '/') {
            end--;
        }
        return end == 0 ? Any.INSTANCE : new Prefix(value.substring(0, end));
    }

    private static final class Any extends PathMatcher {
        static final Any INSTANCE = new Any();

        @Override
        Kind kind() {
            return Kind.ANY;
        }

        @Override
        String value() {
            return "";
        }

        @Override
        public boolean matches(String path) {
            return true;
        }
    }

    private static final class Exact extends PathMatcher {
        private final String value;

        Exact(String value) {
            this.value = value;
        }

        @Override
        Kind kind() {
            return Kind.EXACT;
        }

        @Override
        String value() {
            return value;
        }

        @Override
        public boolean matches(String path) {
            return value.equals(path);
        }
    }

    private static final class Prefix extends PathMatcher {
        private final String value;

        Prefix(String value) {
            this.value = value;
        }

        @Override
        Kind kind() {
            return Kind.PREFIX;
        }

        @Override
        String value() {
            return value;
        }

        @Override
        public boolean matches(String path) {
            return path.startsWith(value) && (path.length() == value.length() || path.charAt(value.length()) == '/');
        }
    }

    private static final class Regex extends PathMatcher {
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        Kind kind() {
            return Kind.REGULAR_EXPRESSION;
        }

        @Override
        String value() {
            return pattern.pattern();
        }

        @Override
        Pattern regex() {
            return pattern;
        }

        @Override
        public boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
