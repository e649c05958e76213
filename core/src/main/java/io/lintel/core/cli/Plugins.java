package io.lintel.core.cli;

import io.lintel.core.inject.BlockingExecutor;
import io.lintel.core.plugin.DefaultPluginContext;
import io.lintel.core.inject.Setting;
import io.lintel.core.inject.SettingsCatalog;
import io.lintel.core.plugin.DiscoveredPlugins;
import io.lintel.core.plugin.PluginLoadException;
import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginReporting;
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
        return loader().load(Optional.of(Plugins.class.getClassLoader()), pluginsDirectory);
    }

    /** The plugins, instantiated, with the settings they declare: before the settings file is read. */
    static DiscoveredPlugins discover(Optional<Path> pluginsDirectory) {
        return loader().discover(Optional.of(Plugins.class.getClassLoader()), pluginsDirectory);
    }

    /** What the discovered plugins provide, once the settings file is installed. */
    static PluginRegistry register(DiscoveredPlugins plugins) {
        return loader().register(plugins);
    }

    /**
     * Core's settings and those the plugins declared.
     *
     * @throws PluginLoadException naming the plugin when it declares a key core already has
     */
    static SettingsCatalog settings(DiscoveredPlugins plugins) {
        SettingsCatalog catalog = SettingsCatalog.core();
        for (DiscoveredPlugins.DeclaredSetting declared : plugins.settings()) {
            if (catalog.find(declared.setting().key()).isPresent()) {
                throw new PluginLoadException("plugin " + declared.plugin() + " declares setting "
                        + declared.setting().key() + ", which is core's (expected: a key of the plugin's own)");
            }
        }
        return catalog.with(plugins.settings().stream().map(declared -> Setting.of(declared.setting())).toList());
    }

    private static PluginLoader loader() {
        return new PluginLoader(Map.of(), BlockingExecutor.shared(), Clock.systemUTC());
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
                registry.resourceKinds(), registry.policies().sortedKinds(), PluginReporting.DISCARD);
    }
}
