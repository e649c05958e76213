package io.lintel.core.plugin;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginSetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins found on the class path and in the plugins directory, instantiated but not yet asked for what they
 * provide: what {@link PluginLoader#discover} returns and {@link PluginLoader#register} turns into a registry. In
 * between, core reads the settings file, which may set the settings the plugins declared ({@link #settings()}).
 */
public final class DiscoveredPlugins {

    /** One plugin: its instance, the name its context and settings go by, its class loader. */
    record Candidate(LintelPlugin plugin, String contextName, ClassLoader loader, boolean wrap, String location,
            List<PluginSetting> settings) {}

    /** A setting and the plugin that declared it, for messages. */
    public record DeclaredSetting(PluginSetting setting, String plugin) {}

    private final List<Candidate> candidates;
    private final List<DeclaredSetting> settings;

    DiscoveredPlugins(List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
        Map<String, DeclaredSetting> byKey = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            for (PluginSetting setting : candidate.settings()) {
                DeclaredSetting declared = new DeclaredSetting(setting, candidate.contextName() + " (" + candidate.location() + ")");
                DeclaredSetting previous = byKey.putIfAbsent(setting.key(), declared);
                if (previous != null) {
                    throw new PluginLoadException("setting " + setting.key() + " is declared by two plugins: "
                            + previous.plugin() + " and " + declared.plugin() + " (expected: one owner per key)");
                }
            }
        }
        this.settings = List.copyOf(new ArrayList<>(byKey.values()));
    }

    List<Candidate> candidates() {
        return candidates;
    }

    /** Every setting a plugin declared, in the order of the plugins. */
    public List<DeclaredSetting> settings() {
        return settings;
    }
}
