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
 */
public record FilterConfig(ResourceKey route, String fieldPath, Map<String, Object> value) {

    public FilterConfig {
        requireNonNull(route, "route");
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(value, "value");
    }
}
