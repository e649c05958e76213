package io.lintel.core.inject;

import dagger.Module;
import dagger.Provides;
import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.plugin.DefaultPluginContext;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.server.DataPlane;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.IoTransport;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.translate.AssignableAddress;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginReporting;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/** Provides core's services from the settings and the loaded plugins. */
@Module
final class LintelModule {

    private LintelModule() {}

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static EventLoops eventLoops(LintelSettings settings) {
        return new EventLoops(settings.eventLoopThreads(), IoTransport.configured());
    }

    @Provides
    @Singleton
    static DataPlane dataPlane(EventLoops eventLoops, PluginRegistry registry, GatewayMetrics metrics) {
        return new NettyDataPlane(eventLoops, registry, metrics, DataPlaneSettings.DEFAULTS);
    }

    @Provides
    @Singleton
    static Translator translator(LintelSettings settings, PluginRegistry registry) {
        return new Translator(new TranslatorSettings(settings.controllerName(), settings.defaultBindAddress(),
                AssignableAddress.forHost(settings.defaultBindAddress())), registry);
    }

    @Provides
    @Singleton
    static PluginContext sourceContext(LintelSettings settings, PluginRegistry registry, Clock clock) {
        return new DefaultPluginContext("source-" + settings.sourceType(), Map.of(), BlockingExecutor.shared(), clock,
                registry.resourceKinds(), registry.policies().sortedKinds(), PluginReporting.DISCARD);
    }
}
