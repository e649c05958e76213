package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginReporting;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The {@link PluginContext} core hands each plugin.
 *
 * @param pluginName the plugin directory's name, or the plugin's class name when loaded from the class path
 * @param settings the plugin's settings, read-only
 * @param blockingExecutor shared by every plugin, for blocking work; never an event loop
 * @param clock the clock to read time from
 * @param reporting where the plugin's metrics and {@code /ready} lines go
 */
public record DefaultPluginContext(String pluginName, Map<String, String> settings, Executor blockingExecutor, Clock clock,
        PluginReporting reporting) implements PluginContext {

    public DefaultPluginContext {
        requireNonNull(pluginName, "pluginName");
        settings = Map.copyOf(requireNonNull(settings, "settings"));
        requireNonNull(blockingExecutor, "blockingExecutor");
        requireNonNull(clock, "clock");
        requireNonNull(reporting, "reporting");
    }

    /** A context whose reports are discarded (commands that serve nothing, config sources). */
    public DefaultPluginContext(String pluginName, Map<String, String> settings, Executor blockingExecutor, Clock clock) {
        this(pluginName, settings, blockingExecutor, clock, PluginReporting.DISCARD);
    }
}
