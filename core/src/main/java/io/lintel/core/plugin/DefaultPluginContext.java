package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginReporting;
import io.lintel.spi.policy.PolicyKind;
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
 * @param resourceKinds every kind the loaded plugins read, of every family (empty while plugins are being loaded)
 * @param policyKinds the policy kinds of every loaded plugin, for config sources still built against the deprecated
 *     {@link PluginContext#policyKinds()}; they are in {@code resourceKinds} too
 * @param reporting where the plugin's metrics and {@code /ready} lines go
 */
// Implements the deprecated policyKinds() on purpose: sources built against it keep working until it is removed.
@SuppressWarnings("removal")
public record DefaultPluginContext(String pluginName, Map<String, String> settings, Executor blockingExecutor, Clock clock,
        List<ResourceKind> resourceKinds, List<PolicyKind> policyKinds, PluginReporting reporting)
        implements PluginContext {

    public DefaultPluginContext {
        requireNonNull(pluginName, "pluginName");
        settings = Map.copyOf(requireNonNull(settings, "settings"));
        requireNonNull(blockingExecutor, "blockingExecutor");
        requireNonNull(clock, "clock");
        resourceKinds = List.copyOf(requireNonNull(resourceKinds, "resourceKinds"));
        policyKinds = List.copyOf(requireNonNull(policyKinds, "policyKinds"));
        requireNonNull(reporting, "reporting");
    }

    /**
     * A context that names no resource or policy kinds and discards reports (commands that serve nothing, plugins
     * made while the registry is being built).
     */
    public DefaultPluginContext(String pluginName, Map<String, String> settings, Executor blockingExecutor, Clock clock) {
        this(pluginName, settings, blockingExecutor, clock, List.of(), List.of(), PluginReporting.DISCARD);
    }
}
