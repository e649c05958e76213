package io.lintel.plugin.filter.extauth;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute {@code ExternalAuth} filter (GEP-1494), HTTP protocol. */
public final class ExternalAuthPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "external-auth";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new ExternalAuthFilterFactory(ExternalAuthSettings.fromSystemProperties()));
    }
}
