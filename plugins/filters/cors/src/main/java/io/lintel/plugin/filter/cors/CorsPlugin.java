package io.lintel.plugin.filter.cors;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute {@code CORS} filter of GEP-1767 (feature {@code HTTPRouteCORS}). */
public final class CorsPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "cors";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new CorsFilterFactory());
    }
}
