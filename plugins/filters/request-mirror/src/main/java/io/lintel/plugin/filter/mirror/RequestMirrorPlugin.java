package io.lintel.plugin.filter.mirror;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute {@code RequestMirror} filter: whole, several per rule, and by percent or fraction. */
public final class RequestMirrorPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "request-mirror";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new RequestMirrorFilterFactory());
    }
}
