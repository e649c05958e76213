package io.lintel.core.cli;

import io.lintel.core.inject.BlockingExecutor;
import io.lintel.core.plugin.DefaultPluginContext;
import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSourceFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * How commands load plugins: those on the class path (tests, IDE) plus one per directory of the plugins directory
 * (the distribution).
 */
final class Plugins {

    private Plugins() {}

    static PluginRegistry load(Optional<Path> pluginsDirectory) {
        return new PluginLoader(Map.of(), BlockingExecutor.shared(), Clock.systemUTC())
                .load(Optional.of(Plugins.class.getClassLoader()), pluginsDirectory);
    }

    static ConfigSourceFactory configSource(PluginRegistry registry, String type) {
        ConfigSourceFactory factory = registry.configSources().get(type);
        if (factory == null) {
            throw new IllegalStateException("no config source of type '" + type + "' is loaded (loaded plugins: "
                    + registry.plugins() + "); is plugins/discovery-" + type + " present?");
        }
        return factory;
    }

    /** The context a config source of a command is created with: it reads the kinds of {@code registry}'s plugins too. */
    static PluginContext context(String name, PluginRegistry registry) {
        return new DefaultPluginContext(name, Map.of(), BlockingExecutor.shared(), Clock.systemUTC(),
                registry.resourceKinds());
    }
}
