package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ResourceKey;
import java.util.Map;

/**
 * The raw configuration a factory translates: the filter's own object (e.g. the content of
 * {@code requestHeaderModifier}), the rule field's value, or for an {@code ExtensionRef} the whole referenced
 * object. Plain maps and lists as parsed from YAML/JSON; read-only.
 *
 * @param route the route the filter belongs to
 * @param fieldPath where the configuration is, e.g. {@code spec.rules[0].filters[1].requestHeaderModifier}
 * @param value the configuration
 * @param backends the backend references core resolved for the factory, by the relative field path the factory
 *     named in {@link HttpFilterFactory#backendRefFields()} (only those present in {@code value})
 */
public record FilterConfig(ResourceKey route, String fieldPath, Map<String, Object> value, Map<String, FilterBackend> backends) {

    public FilterConfig {
        requireNonNull(route, "route");
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(value, "value");
        backends = Map.copyOf(requireNonNull(backends, "backends"));
    }

    /** A configuration without backend references. */
    public FilterConfig(ResourceKey route, String fieldPath, Map<String, Object> value) {
        this(route, fieldPath, value, Map.of());
    }
}
