package io.lintel.plugin.filter.example.headeraccess;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;

/**
 * An example custom filter plugin: provides the {@code ExtensionRef} filters for {@code HeaderAccessRule} and
 * {@code WebhookSignatureRule} objects of group {@code example.lintel.io}. Core finds it through
 * {@code META-INF/services/io.lintel.spi.LintelPlugin}.
 */
public final class HeaderAccessPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "example-header-access";
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new HeaderAccessFilterFactory(), new WebhookSignatureFilterFactory(context.blockingExecutor()));
    }
}
