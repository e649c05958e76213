package io.lintel.plugin.filter.redirect;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/**
 * Provides the HTTPRoute {@code RequestRedirect} filter (features {@code HTTPRoutePortRedirect},
 * {@code HTTPRouteSchemeRedirect} and {@code HTTPRoutePathRedirect}; hostname and status redirects are core).
 */
public final class RequestRedirectPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "request-redirect";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new RequestRedirectFilterFactory());
    }
}
