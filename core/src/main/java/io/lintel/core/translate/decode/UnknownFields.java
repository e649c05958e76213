package io.lintel.core.translate.decode;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the fields fabric8 did not know while decoding (they land silently in {@code additionalProperties}) and
 * names each by its JSON path. The {@code status} of a document is not inspected: it is ours to write.
 */
final class UnknownFields {

    record Property(String json, Field field) {}

    private static final Map<Class<?>, List<Property>> PROPERTIES = new ConcurrentHashMap<>();

    /** JSON paths of unknown fields, e.g. {@code spec.rules[0].backendRef}. */
    static List<String> of(Object resource) {
        // Most documents have none: look without building a path for every node first.
        if (!any(resource, true)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        walk(resource, "", found, true);
        return found;
    }

    /** Whether {@code value} (or anything below it) carries an unknown field. */
    private static boolean any(Object value, boolean top) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (any(item, false)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                if (any(item, false)) {
                    return true;
                }
            }
            return false;
        }
        if (!(value instanceof KubernetesResource)) {
            return false;
        }
        for (Property p : properties(value.getClass())) {
            if (top && p.json().equals("status")) {
                continue;
            }
            Object child = read(p.field(), value);
            if (p.json().equals("additionalProperties")
                    ? child instanceof Map<?, ?> extra && !extra.isEmpty()
                    : child != null && any(child, false)) {
                return true;
            }
        }
        return false;
    }

    private static void walk(Object value, String path, List<String> found, boolean top) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found, false);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, false));
            return;
        }
        if (!(value instanceof KubernetesResource)) {
            return;
        }
        for (Property p : properties(value.getClass())) {
            if (top && p.json().equals("status")) {
                continue;
            }
            Object child = read(p.field(), value);
            String at = path.isEmpty() ? p.json() : path + "." + p.json();
            if (p.json().equals("additionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().stream().map(String::valueOf).sorted()
                            .forEach(k -> found.add(path.isEmpty() ? k : path + "." + k));
                }
            } else if (child != null) {
                walk(child, at, found, false);
            }
        }
    }

    static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    static List<Property> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            List<Property> props = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    JsonProperty json = f.getAnnotation(JsonProperty.class);
                    String name = json != null && !json.value().isEmpty() ? json.value()
                            : f.getName().equals("additionalProperties") ? "additionalProperties" : null;
                    if (name != null && !cannotHoldUnknownFields(f.getType())) {
                        f.setAccessible(true);
                        props.add(new Property(name, f));
                    }
                }
            }
            return List.copyOf(props);
        });
    }

    /**
     * Whether a field of this type can never carry an unknown field below it (a string, number, boolean or enum):
     * such fields are not read at all. Most fields of fabric8's model are, and reading each by reflection for every
     * decoded document was a good part of this walk.
     */
    private static boolean cannotHoldUnknownFields(Class<?> type) {
        return type.isPrimitive() || type == String.class || type == Boolean.class || type == Character.class
                || Number.class.isAssignableFrom(type) || type.isEnum();
    }

    private UnknownFields() {}
}
