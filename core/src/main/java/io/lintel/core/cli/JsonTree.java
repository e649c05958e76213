package io.lintel.core.cli;

import java.util.List;
import java.util.Map;

/** Null-safe reads of a parsed JSON document (maps, lists and scalars), so renderers never cast by hand. */
final class JsonTree {

    private JsonTree() {}

    /** {@code value} as an object; empty when it is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The objects of a list; empty when {@code value} is not a list. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList()
                : List.of();
    }

    /** The strings of a list (other scalars as text); empty when {@code value} is not a list. */
    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** A member as text; {@code ""} when absent or null. */
    static String text(Map<String, Object> object, String key) {
        Object value = object.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    /** A member as a number; 0 when absent or not a number. */
    static long number(Map<String, Object> object, String key) {
        return object.get(key) instanceof Number number ? number.longValue() : 0;
    }

    /** {@code object[first][second]...}: the nested member, or null. */
    static Object path(Object object, String... keys) {
        Object current = object;
        for (String key : keys) {
            current = map(current).get(key);
        }
        return current;
    }
}
