package io.lintel.schema;

import java.util.List;
import java.util.Map;

/**
 * A constraint on one value of a raw document tree (maps, lists, strings, numbers, booleans), mirroring what a
 * Gateway API CRD's OpenAPI schema and CEL rules enforce in a cluster. Core's validator and the route kind plugins
 * write their kinds in this one DSL, so that every kind is refused with the same messages. Fields an object schema
 * does not mention are not checked unless it is {@link ObjectSchema#closed() closed} (core finds unknown fields of its
 * own kinds when decoding them).
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
