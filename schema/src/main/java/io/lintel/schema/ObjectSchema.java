package io.lintel.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object with known fields (each with a schema, some required), cross-field rules (the CRD's CEL rules) and,
 * when {@link #closed()}, no other fields; immutable, built fluently. Rules run only when the fields themselves are
 * valid, as in a cluster.
 */
public final class ObjectSchema implements Schema {

    /** A rule over the whole object. */
    @FunctionalInterface
    public interface Rule {
        void check(Map<?, ?> object, String path, Violations out);
    }

    private record Field(Schema schema, boolean required) {}

    private final Map<String, Field> fields;
    private final List<Rule> rules;
    private final boolean closed;

    private ObjectSchema(Map<String, Field> fields, List<Rule> rules, boolean closed) {
        this.fields = fields;
        this.rules = rules;
        this.closed = closed;
    }

    public static ObjectSchema object() {
        return new ObjectSchema(Map.of(), List.of(), false);
    }

    public ObjectSchema optional(String name, Schema schema) {
        return with(name, new Field(schema, false));
    }

    public ObjectSchema required(String name, Schema schema) {
        return with(name, new Field(schema, true));
    }

    public ObjectSchema rule(Rule rule) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ObjectSchema(fields, List.copyOf(more), closed);
    }

    /**
     * The same object, with every field it does not list reported as unknown (what decoding into a typed model does
     * for core's kinds: the API server prunes or refuses such fields).
     */
    public ObjectSchema closed() {
        return new ObjectSchema(fields, rules, true);
    }

    private ObjectSchema with(String name, Field field) {
        Map<String, Field> more = new LinkedHashMap<>(fields);
        more.put(name, field);
        return new ObjectSchema(Collections.unmodifiableMap(more), rules, closed);
    }

    @Override
    public void check(Object value, String path, Violations out) {
        if (!(value instanceof Map<?, ?> object)) {
            out.add(path, "expected an object, got " + Schema.describe(value));
            return;
        }
        int before = out.count();
        fields.forEach((name, field) -> {
            Object v = object.get(name);
            String at = Violations.field(path, name);
            if (v == null) {
                if (field.required()) {
                    out.add(at, "is required");
                }
                return;
            }
            field.schema().check(v, at, out);
        });
        if (closed || out.closesEveryObject()) {
            object.keySet().stream().map(String::valueOf).filter(name -> !fields.containsKey(name)).sorted()
                    .forEach(name -> out.unknownField(Violations.field(path, name), name));
        }
        if (out.count() == before) {
            rules.forEach(r -> r.check(object, path, out));
        }
    }
}
