package io.lintel.plugin.filter.support;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of one object of a filter's raw configuration (plain maps, lists, strings and numbers as
 * parsed from YAML or JSON), failing with a {@link FilterConfigException} that names the offending field's full path,
 * e.g. {@code spec.rules[0].filters[1].requestHeaderModifier.set[2].name}, and the Gateway API reason
 * {@value #UNSUPPORTED_VALUE}.
 *
 * <p>A field whose value is {@code null} counts as absent, as it does for the Kubernetes API server. Immutable; it
 * never copies the map it reads.
 */
public final class ConfigReader {

    /** The route condition reason for a filter whose configuration cannot be used. */
    public static final String UNSUPPORTED_VALUE = "UnsupportedValue";

    private final String path;
    private final Map<String, ?> object;

    private ConfigReader(String path, Map<String, ?> object) {
        this.path = requireNonNull(path, "path");
        this.object = requireNonNull(object, "object");
    }

    /** A reader of the filter's own configuration object, at the config's field path. */
    public static ConfigReader of(FilterConfig config) {
        return new ConfigReader(config.fieldPath(), config.value());
    }

    /** A reader of {@code object}, which is found at {@code path}. */
    public static ConfigReader of(String path, Map<String, ?> object) {
        return new ConfigReader(path, object);
    }

    /** The path of the object this reader reads. */
    public String path() {
        return path;
    }

    /** The path of {@code field} of this object, e.g. {@code path() + ".hostname"}; {@code field} may carry an index. */
    public String pathOf(String field) {
        return path + "." + field;
    }

    /** Whether {@code field} is present with a non-null value. */
    public boolean has(String field) {
        return object.get(field) != null;
    }

    /**
     * Fails on the first field (in name order, so the error is stable) that is not one of {@code known}: a
     * misspelt field would otherwise be ignored silently and the filter would do something else than intended.
     */
    public ConfigReader requireOnly(Set<String> known) throws FilterConfigException {
        for (String field : new TreeSet<>(object.keySet())) {
            if (!known.contains(field)) {
                throw invalid(field, "unknown field; expected one of " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    public Optional<String> optionalString(String field) throws FilterConfigException {
        return optional(field, String.class, "a string");
    }

    public String requiredString(String field) throws FilterConfigException {
        return optionalString(field).orElseThrow(() -> invalid(field, "required field is missing"));
    }

    /** An integral number (as YAML or JSON parsers produce it) that fits an {@code int}. */
    public OptionalInt optionalInt(String field) throws FilterConfigException {
        Object value = object.get(field);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            Number number = (Number) value;
            long asLong = number.longValue();
            boolean fits = asLong >= Integer.MIN_VALUE && asLong <= Integer.MAX_VALUE
                    && (!(value instanceof BigInteger big) || big.bitLength() < 32);
            if (fits) {
                return OptionalInt.of((int) asLong);
            }
            throw invalid(field, "expected an integer of at most 32 bits, got " + value);
        }
        throw invalid(field, "expected an integer, got " + describe(value));
    }

    /** A boolean ({@code true} or {@code false} as YAML or JSON parsers produce it, not a string). */
    public Optional<Boolean> optionalBoolean(String field) throws FilterConfigException {
        return optional(field, Boolean.class, "a boolean");
    }

    /** A nested object, read by a reader at {@code path().field}. */
    public Optional<ConfigReader> optionalObject(String field) throws FilterConfigException {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(new ConfigReader(pathOf(field), asObject(field, value)));
    }

    /** A list of objects, each read by a reader at {@code path().field[i]}; empty when absent. */
    public List<ConfigReader> objectList(String field) throws FilterConfigException {
        List<?> list = list(field);
        List<ConfigReader> readers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String element = field + "[" + i + "]";
            Object value = list.get(i);
            if (value == null) {
                throw invalid(element, "expected an object, got null");
            }
            readers.add(new ConfigReader(pathOf(element), asObject(element, value)));
        }
        return Collections.unmodifiableList(readers);
    }

    /** A list of strings; empty when absent. The element at index {@code i} is at {@code pathOf(field + "[" + i + "]")}. */
    public List<String> stringList(String field) throws FilterConfigException {
        List<?> list = list(field);
        List<String> strings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            if (!(value instanceof String s)) {
                throw invalid(field + "[" + i + "]", "expected a string, got " + describe(value));
            }
            strings.add(s);
        }
        return Collections.unmodifiableList(strings);
    }

    /** An exception about {@code field} of this object (which may carry an index, e.g. {@code set[0]}). */
    public FilterConfigException invalid(String field, String message) {
        return new FilterConfigException(pathOf(field), UNSUPPORTED_VALUE, message);
    }

    /** An exception about this object as a whole. */
    public FilterConfigException invalid(String message) {
        return new FilterConfigException(path, UNSUPPORTED_VALUE, message);
    }

    private <T> Optional<T> optional(String field, Class<T> type, String expected) throws FilterConfigException {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (type.isInstance(value)) {
            return Optional.of(type.cast(value));
        }
        throw invalid(field, "expected " + expected + ", got " + describe(value));
    }

    private List<?> list(String field) throws FilterConfigException {
        Object value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw invalid(field, "expected a list, got " + describe(value));
    }

    private Map<String, ?> asObject(String field, Object value) throws FilterConfigException {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(field, "expected an object, got " + describe(value));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw invalid(field, "expected an object with string keys, got key " + describe(key));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> object = (Map<String, ?>) map;
        return object;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
        }
        return "a " + value.getClass().getSimpleName();
    }
}
