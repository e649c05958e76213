package io.lintel.core.translate.decode;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Replaces the empty {@code additionalProperties} map every fabric8 model object allocates with one shared empty map.
 * A decoded HTTPRoute is dozens of such objects, and a decoded configuration of 10 000 routes holds ~450 000 of these
 * maps (~25 MB) that stay empty: decoded objects are kept for as long as their documents are unchanged, and nothing
 * adds to them after decoding ({@link UnknownFields} has refused documents with extra fields).
 */
final class EmptyExtras {

    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";

    static void share(Object value) {
        if (value instanceof List<?> list) {
            list.forEach(EmptyExtras::share);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(EmptyExtras::share);
            return;
        }
        if (!(value instanceof KubernetesResource)) {
            return;
        }
        for (UnknownFields.Property p : UnknownFields.properties(value.getClass())) {
            Object child = UnknownFields.read(p.field(), value);
            if (p.json().equals(ADDITIONAL_PROPERTIES)) {
                if (child instanceof Map<?, ?> extras && extras.isEmpty() && extras != Collections.emptyMap()) {
                    write(p, value);
                }
            } else if (child != null) {
                share(child);
            }
        }
    }

    private static void write(UnknownFields.Property property, Object owner) {
        try {
            property.field().set(owner, Collections.emptyMap());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            // a field of another type: leave it as it is
        }
    }

    private EmptyExtras() {}
}
