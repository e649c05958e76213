package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

/**
 * A path condition. {@code PREFIX} matches whole path segments ({@code /foo} matches {@code /foo} and
 * {@code /foo/bar}, not {@code /foobar}); a trailing slash in the value is ignored. {@code REGULAR_EXPRESSION} is a
 * Java regular expression that must match the whole path (without query).
 */
public record IrPathMatch(Type type, String value) {

    public enum Type { EXACT, PREFIX, REGULAR_EXPRESSION }

    public static final IrPathMatch MATCH_ALL = new IrPathMatch(Type.PREFIX, "/");

    public IrPathMatch {
        requireNonNull(type, "type");
        requireNonNull(value, "value");
    }
}
