package io.lintel.plugin.filter.urlrewrite;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/** Provides the HTTPRoute {@code URLRewrite} filter (features {@code HTTPRouteHostRewrite}, {@code HTTPRoutePathRewrite}). */
public final class UrlRewritePlugin implements LintelPlugin {

    @Override
    public String name() {
        return "url-rewrite";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new UrlRewriteFilterFactory());
    }
}
