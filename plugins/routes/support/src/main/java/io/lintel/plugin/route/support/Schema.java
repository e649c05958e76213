package io.lintel.plugin.route.support;

import java.util.List;
import java.util.Map;

/**
 * A constraint on one value of a raw document tree (maps, lists, strings, numbers, booleans), mirroring what a
 * Gateway API CRD's OpenAPI schema and CEL rules enforce in a cluster. The same DSL as core's validator, so that a
 * plugin's kind is refused with the same messages as core's kinds.
 */
@FunctionalInterface
public interface Schema {

    /** Checks {@code value} (never null: absent fields are the parent's business) found at {@code path}. */
    void check(Object value, String path, Violations out);

    /** Accepts anything. */
    Schema ANY = (value, path, out) -> { };

    /** A boolean. */
    Schema BOOLEAN = (value, path, out) -> {
        if (!(value instanceof Boolean)) {
            out.add(path, "expected a boolean, got " + describe(value));
        }
    };

    /** How a message names a value of the wrong type. */
    static String describe(Object value) {
        if (value instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean b) {
            return "boolean " + b;
        }
        return value instanceof Number n ? "number " + n : String.valueOf(value);
    }
}
