package io.lintel.core.translate.decode.direct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Typed reads from a document's map tree for the direct readers. Each read accepts exactly the Java type the parser
 * gives for a value of the expected JSON type, and declines everything else (a null, a number where a string is
 * expected, a string where a number is, a long or a fraction where an int is, a non-string key): Jackson would coerce
 * some of those and refuse others, and only Jackson's path knows which and says so in its own words. Declining throws
 * {@link Declined}, which {@link DirectDecoder} catches to hand the document to Jackson.
 */
final class MapReader {

    /**
     * A document the direct readers do not decode. One shared instance without a stack trace: declining is a normal
     * outcome (unknown fields, wrong types, rare shapes), and a fresh exception per document would cost more than the
     * decoding it avoids.
     */
    static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Declined INSTANCE = new Declined();

        private Declined() {
            super("declined by the direct reader", null, false, false);
        }
    }

    /** Reads one field of an object: the key is always a string; throws {@link Declined} for a key it does not know. */
    @FunctionalInterface
    interface FieldReader {
        void read(String key, Object value);
    }

    /**
     * What fabric8's objects hold in {@code additionalProperties} once decoded: one shared empty map, as
     * {@code EmptyExtras} leaves objects decoded by Jackson (see there why).
     */
    static final Map<String, Object> NO_EXTRAS = Collections.emptyMap();

    static Declined decline() {
        return Declined.INSTANCE;
    }

    /** Calls {@code reader} for each entry of an object node; declines a node that is not a map. */
    static void fields(Object node, FieldReader reader) {
        if (!(node instanceof Map<?, ?> map)) {
            throw decline();
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw decline();
            }
            reader.read(key, entry.getValue());
        }
    }

    /**
     * Reads an object node into {@code target} field by field, then gives it {@link #NO_EXTRAS} (a type the reader knows
     * has no fields it does not): the whole of each typed reader but its own fields.
     */
    static <T> T object(Object node, T target, BiConsumer<T, Map<String, Object>> extras, FieldReader reader) {
        fields(node, reader);
        extras.accept(target, NO_EXTRAS);
        return target;
    }

    static String string(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw decline();
    }

    /** An int as the parser gives it; a {@code Long} (beyond int) or a fraction is Jackson's to refuse or truncate. */
    static Integer integer(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        throw decline();
    }

    /** A {@code Long} field: the parser gives an {@code Integer} for small numbers, which Jackson widens. */
    static Long longInteger(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Long l) {
            return l;
        }
        throw decline();
    }

    static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw decline();
    }

    /** A list as Jackson builds one (an {@code ArrayList}), each item read by {@code item}. */
    static <T> List<T> list(Object value, Function<Object, T> item) {
        if (!(value instanceof List<?> items)) {
            throw decline();
        }
        List<T> result = new ArrayList<>(items.size());
        for (Object each : items) {
            result.add(item.apply(each));
        }
        return result;
    }

    static List<String> strings(Object value) {
        return list(value, MapReader::string);
    }

    /** A map of strings to strings (labels, selectors) in document order, as Jackson builds one. */
    static Map<String, String> stringMap(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        fields(value, (key, item) -> result.put(key, string(item)));
        return result;
    }

    private MapReader() {}
}
