package io.lintel.plugin.filter.timeouts;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute rule field {@code timeouts} (features HTTPRouteRequestTimeout, HTTPRouteBackendTimeout). */
public final class TimeoutsPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "timeouts";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new TimeoutsFilterFactory());
    }
}
