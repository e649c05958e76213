package io.lintel.plugin.filter.responseheader;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute {@code ResponseHeaderModifier} filter (feature {@code HTTPRouteResponseHeaderModification}). */
public final class ResponseHeaderModifierPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "response-header-modifier";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new ResponseHeaderModifierFilterFactory());
    }
}
