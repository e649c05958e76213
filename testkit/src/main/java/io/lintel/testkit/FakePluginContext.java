package io.lintel.testkit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.ResourceKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A {@link PluginContext} for a plugin's tests: no settings, the system clock and no resource kinds unless given, and
 * a blocking executor that runs each task at once on the caller's thread (so a test sees its effect when the call
 * returns; nothing here may block an event loop, as nothing runs on one).
 */
public final class FakePluginContext implements PluginContext {

    private final String pluginName;
    private final Map<String, String> settings;
    private final Clock clock;
    private final List<ResourceKind> resourceKinds;

    private FakePluginContext(String pluginName, Map<String, String> settings, Clock clock,
            List<ResourceKind> resourceKinds) {
        this.pluginName = requireNonNull(pluginName, "pluginName");
        this.settings = Map.copyOf(settings);
        this.clock = requireNonNull(clock, "clock");
        this.resourceKinds = List.copyOf(resourceKinds);
    }

    /** The context of plugin {@code pluginName}, with no settings, the system clock and no resource kinds. */
    public static FakePluginContext of(String pluginName) {
        return new FakePluginContext(pluginName, Map.of(), Clock.systemUTC(), List.of());
    }

    /** This context with these settings (the plugin's {@code plugins.<name>.*} keys, without the prefix). */
    public FakePluginContext withSettings(Map<String, String> settings) {
        return new FakePluginContext(pluginName, settings, clock, resourceKinds);
    }

    /** This context with this clock. */
    public FakePluginContext withClock(Clock clock) {
        return new FakePluginContext(pluginName, settings, clock, resourceKinds);
    }

    /** This context with these kinds, as a config source's context has them. */
    public FakePluginContext withResourceKinds(List<ResourceKind> resourceKinds) {
        return new FakePluginContext(pluginName, settings, clock, resourceKinds);
    }

    @Override
    public String pluginName() {
        return pluginName;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public Executor blockingExecutor() {
        return Runnable::run;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public List<ResourceKind> resourceKinds() {
        return resourceKinds;
    }
}
