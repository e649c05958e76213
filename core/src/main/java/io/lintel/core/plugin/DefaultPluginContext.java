package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.ResourceKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The {@link PluginContext} core hands each plugin.
 *
 * @param pluginName the plugin directory's name, or the plugin's class name when loaded from the class path
 * @param settings the plugin's settings, read-only
 * @param blockingExecutor shared by every plugin, for blocking work; never an event loop
 * @param clock the clock to read time from
 * @param resourceKinds the kinds the loaded plugins read (empty while plugins are being loaded)
 */
public record DefaultPluginContext(String pluginName, Map<String, String> settings, Executor blockingExecutor, Clock clock,
        List<ResourceKind> resourceKinds) implements PluginContext {

    public DefaultPluginContext {
        requireNonNull(pluginName, "pluginName");
        settings = Map.copyOf(requireNonNull(settings, "settings"));
        requireNonNull(blockingExecutor, "blockingExecutor");
        requireNonNull(clock, "clock");
        resourceKinds = List.copyOf(requireNonNull(resourceKinds, "resourceKinds"));
    }

    /** A context without resource kinds: that of a plugin being loaded. */
    public DefaultPluginContext(String pluginName, Map<String, String> settings, Executor blockingExecutor, Clock clock) {
        this(pluginName, settings, blockingExecutor, clock, List.of());
    }
}
