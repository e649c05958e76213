package io.lintel.plugin.filter.retry;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute rule field {@code retry} (feature HTTPRouteRetry). */
public final class RetryPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new RetryFilterFactory());
    }
}
