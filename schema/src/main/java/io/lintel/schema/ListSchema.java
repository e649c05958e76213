package io.lintel.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A list whose items follow one schema, with size bounds, optional unique keys (Kubernetes {@code listType: map})
 * and cross-item rules; immutable, built fluently.
 */
public final class ListSchema implements Schema {

    /** A rule over the whole list (a CEL rule on an array in the CRD). */
    @FunctionalInterface
    public interface Rule {
        void check(List<?> items, String path, Violations out);
    }

    private final Schema item;
    private final int minItems;
    private final int maxItems;
    private final List<Rule> rules;

    private ListSchema(Schema item, int minItems, int maxItems, List<Rule> rules) {
        this.item = item;
        this.minItems = minItems;
        this.maxItems = maxItems;
        this.rules = rules;
    }

    public static ListSchema listOf(Schema item) {
        return new ListSchema(item, 0, Integer.MAX_VALUE, List.of());
    }

    public ListSchema size(int min, int max) {
        return new ListSchema(item, min, max, rules);
    }

    public ListSchema rule(Rule rule) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ListSchema(item, minItems, maxItems, List.copyOf(more));
    }

    /** Items must differ in the value {@code key} extracts (items without a key are skipped): listType map or set. */
    public ListSchema uniqueBy(String what, Function<Object, Object> key) {
        return unique(key, k -> "duplicate " + what + " " + k + " (expected each to be unique)");
    }

    /** A CEL rule that items differ in the value {@code key} extracts, reported with the CRD's {@code message}. */
    public ListSchema unique(String message, Function<Object, Object> key) {
        return unique(key, k -> message + " (" + k + " is repeated)");
    }

    private ListSchema unique(Function<Object, Object> key, Function<Object, String> message) {
        return rule((items, path, out) -> {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Object k = key.apply(items.get(i));
                if (k != null && !seen.add(k)) {
                    out.add(Violations.index(path, i), message.apply(k));
                }
            }
        });
    }

    @Override
    public void check(Object value, String path, Violations out) {
        if (!(value instanceof List<?> items)) {
            out.add(path, "expected a list, got " + Schema.describe(value));
            return;
        }
        if (items.size() < minItems) {
            out.add(path, minItems == 1 ? "must not be empty"
                    : "has " + items.size() + " items (expected at least " + minItems + ")");
        }
        if (items.size() > maxItems) {
            out.add(path, "has " + items.size() + " items (expected at most " + maxItems + ")");
        }
        boolean itemsValid = true;
        for (int i = 0; i < items.size(); i++) {
            Object v = items.get(i);
            String at = Violations.index(path, i);
            if (v == null) {
                out.add(at, "must not be null");
                itemsValid = false;
                continue;
            }
            int before = out.count();
            item.check(v, at, out);
            itemsValid &= out.count() == before;
        }
        // Like CEL on an array: rules only run over structurally valid items.
        if (itemsValid) {
            rules.forEach(r -> r.check(items, path, out));
        }
    }
}
