package io.lintel.plugin.filter.extauth;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginSetting;
import io.lintel.spi.filter.HttpFilterFactory;
import java.time.Clock;
import java.util.List;

/** Provides the HTTPRoute {@code ExternalAuth} filter (GEP-1494), HTTP and GRPC protocols. */
public final class ExternalAuthPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "external-auth";
    }

    @Override
    public List<PluginSetting> settings() {
        return ExternalAuthSettings.DECLARED;
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        // the context is absent where a test lists the factories
        if (context == null) {
            return List.of(new ExternalAuthFilterFactory(ExternalAuthSettings.DEFAULTS, Clock.systemUTC()));
        }
        return List.of(new ExternalAuthFilterFactory(ExternalAuthSettings.of(context.settings()), context.clock()));
    }
}
