package io.lintel.plugin.policy.ratelimit;

import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RateLimitPolicy objects as core hands them to the factory (the whole object, from an HTTPRoute ExtensionRef). */
final class Policies {

    static final String AT = "spec.rules[0].filters[0].extensionRef";

    private Policies() {}

    static FilterConfig config(Map<String, Object> spec) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "lintel.io/v1alpha1");
        object.put("kind", "RateLimitPolicy");
        object.put("metadata", Map.of("name", "api-limits", "namespace", "shop"));
        object.put("spec", spec);
        return new FilterConfig(new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "shop", "api"), AT, object);
    }

    static Map<String, Object> limit(int requests, String unit, Map<String, Object> key) {
        return Map.of("requests", requests, "unit", unit, "key", key);
    }

    static Map<String, Object> spec(List<Map<String, Object>> limits) {
        return Map.of("limits", limits);
    }
}
