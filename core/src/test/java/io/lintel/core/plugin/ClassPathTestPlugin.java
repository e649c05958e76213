package io.lintel.core.plugin;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginSetting;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.config.ResourceSink;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plugin found on the class path. Deliberately not listed in this module's {@code META-INF/services} (that would
 * leak into every plugin's tests through the core test jar); the test lists it in a temporary directory.
 */
public final class ClassPathTestPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "class-path-test";
    }

    /** A setting it declares, so that the loader's handling of plugin settings can be seen. */
    static final PluginSetting DEPTH = PluginSetting.number("classPathTest.depth", 1, 10, 3, "how deep, for tests");

    @Override
    public List<PluginSetting> settings() {
        return List.of(DEPTH);
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteRetry);
    }

    @Override
    public List<ConfigSourceFactory> configSources(PluginContext context) {
        return List.of(new Factory(context));
    }

    /** A source type whose sources describe the context they were created with. */
    static final class Factory implements ConfigSourceFactory {

        private final PluginContext context;

        Factory(PluginContext context) {
            this.context = context;
        }

        @Override
        public String type() {
            return "class-path-test";
        }

        @Override
        public ConfigSource create(Map<String, String> settings, PluginContext ignored) {
            return new ConfigSource() {
                @Override
                public void start(ResourceSink sink) {
                    sink.markSynced();
                }

                @Override
                public String describe() {
                    return context.pluginName() + " " + new java.util.TreeMap<>(context.settings());
                }

                @Override
                public void close() {}
            };
        }
    }
}
