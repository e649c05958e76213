package io.lintel.plugin.filter.support.testing;

import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import java.util.Map;

/** {@link FilterConfig}s for tests, as core would hand them to a factory. */
public final class Configs {

    private Configs() {}

    /** The configuration of filter 0 of rule 0 of route {@code default/route}, at {@code ...filters[0].<field>}. */
    public static FilterConfig filterConfig(String field, Map<String, Object> value) {
        return new FilterConfig(route(), "spec.rules[0].filters[0]." + field, value);
    }

    public static ResourceKey route() {
        return new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "route");
    }
}
