package io.lintel.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An object used as a string map (OpenAPI {@code additionalProperties}): every value follows one schema, the number of
 * entries is bounded ({@code maxProperties}) and each key must pass the CRD's CEL rules of the form
 * {@code self.all(key, ...)}; immutable, built fluently.
 */
public final class MapSchema implements Schema {

    /** A CEL rule over every key of the map, with the CRD's message. */
    private record KeyRule(Predicate<String> test, String message) {}

    private final Schema value;
    private final int maxProperties;
    private final List<KeyRule> keyRules;

    private MapSchema(Schema value, int maxProperties, List<KeyRule> keyRules) {
        this.value = value;
        this.maxProperties = maxProperties;
        this.keyRules = keyRules;
    }

    public static MapSchema mapOf(Schema value) {
        return new MapSchema(value, Integer.MAX_VALUE, List.of());
    }

    public MapSchema maxProperties(int max) {
        return new MapSchema(value, max, keyRules);
    }

    /** Every key must pass {@code test}; a key that does not is reported at the map with {@code message}. */
    public MapSchema keys(Predicate<String> test, String message) {
        List<KeyRule> more = new ArrayList<>(keyRules);
        more.add(new KeyRule(test, message));
        return new MapSchema(value, maxProperties, List.copyOf(more));
    }

    @Override
    public void check(Object v, String path, Violations out) {
        if (!(v instanceof Map<?, ?> map)) {
            out.add(path, "expected an object, got " + Schema.describe(v));
            return;
        }
        if (map.size() > maxProperties) {
            out.add(path, "has " + map.size() + " properties (expected at most " + maxProperties + ")");
        }
        int before = out.count();
        map.forEach((k, item) -> {
            if (item != null) {
                value.check(item, path + "[" + k + "]", out);
            }
        });
        if (out.count() != before) {
            return;
        }
        for (KeyRule rule : keyRules) {
            for (Object k : map.keySet()) {
                if (!rule.test().test(String.valueOf(k))) {
                    out.add(path, rule.message() + " (key \"" + k + "\")");
                    break;
                }
            }
        }
    }
}
