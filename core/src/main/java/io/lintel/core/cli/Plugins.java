package io.lintel.core.cli;

import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSourceFactory;
import java.nio.file.Path;
import java.util.Optional;

/** How commands load plugins: from a plugins directory when there is one, else from the class path. */
final class Plugins {

    private Plugins() {}

    static PluginRegistry load(Optional<Path> pluginsDirectory) {
        return pluginsDirectory
                .map(PluginLoader::fromDirectory)
                .orElseGet(PluginLoader::fromClassPath);
    }

    static ConfigSourceFactory configSource(PluginRegistry registry, String type) {
        ConfigSourceFactory factory = registry.configSources().get(type);
        if (factory == null) {
            throw new IllegalStateException("no config source of type '" + type + "' is loaded (loaded plugins: "
                    + registry.plugins() + "); is plugins/discovery-" + type + " present?");
        }
        return factory;
    }

    static PluginContext context(String name) {
        return PluginLoader.context(name);
    }
}
