package io.lintel.core.translate.validate;

/**
 * A constraint on one value of a raw document tree (maps, lists, strings, numbers, booleans), mirroring what a
 * Gateway API CRD's OpenAPI schema and CEL rules enforce in a cluster. Fields a schema does not mention are not
 * checked here (unknown fields are found when decoding).
 */
@FunctionalInterface
public interface Schema {

    /**
     * Checks {@code value} (never null: absent fields are the parent's business) found at {@code path}.
     */
    void check(Object value, String path, Violations out);

    /** Accepts anything. */
    Schema ANY = (value, path, out) -> { };

    /** A boolean. */
    Schema BOOLEAN = (value, path, out) -> {
        if (!(value instanceof Boolean)) {
            out.add(path, "expected a boolean, got " + describe(value));
        }
    };

    static String describe(Object value) {
        if (value instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (value instanceof java.util.Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "a list";
        }
        if (value instanceof Boolean b) {
            return "boolean " + b;
        }
        return value instanceof Number n ? "number " + n : String.valueOf(value);
    }
}
