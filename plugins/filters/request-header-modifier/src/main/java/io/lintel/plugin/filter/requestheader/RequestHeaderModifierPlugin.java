package io.lintel.plugin.filter.requestheader;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute {@code RequestHeaderModifier} filter, a core Gateway API feature. */
public final class RequestHeaderModifierPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "request-header-modifier";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new RequestHeaderModifierFilterFactory());
    }
}
