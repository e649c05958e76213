package io.lintel.plugin.filter.redirect;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/**
 * Provides the HTTPRoute {@code RequestRedirect} filter (features {@code HTTPRoutePortRedirect},
 * {@code HTTPRouteSchemeRedirect}, {@code HTTPRoutePathRedirect} and the 303, 307 and 308 status codes of
 * {@code HTTPRoute303RedirectStatusCode}, {@code HTTPRoute307RedirectStatusCode} and
 * {@code HTTPRoute308RedirectStatusCode}; hostname redirects and 301/302 are core).
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
