package io.lintel.spi;

import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.kind.ResourceKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What core offers a plugin. One context per plugin, handed to its factories when core creates their products.
 *
 * <p>Thread-safe. New services are added as default methods, so plugins built against an older SPI keep working.
 */
public interface PluginContext {

    /** The plugin's name: the name of its directory under {@code plugins/}, or its class name when loaded from the class path. */
    String pluginName();

    /**
     * The current value of every setting the plugin declared ({@link LintelPlugin#settings()}), by key: the system
     * property {@code -Dlintel.<key>}, else the settings file's value, else the declared default. Values have been
     * checked against the declaration. Never null, read-only.
     */
    Map<String, String> settings();

    /**
     * An executor for blocking work (file and network I/O, parsing key material). It is never an event loop,
     * so it is the place for anything that must not run on one.
     */
    Executor blockingExecutor();

    /** The clock to read time from (tests substitute a fixed one). */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The policy kinds every loaded plugin declares. Empty for plugins created before the registry is complete.
     *
     * @deprecated config sources read {@link #resourceKinds()}, which lists these kinds too (as
     *     {@link PolicyKind#resourceKind()}); this list stays until 1.0 for sources built against it
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    default List<PolicyKind> policyKinds() {
        return List.of();
    }

    /** Where the plugin shows metrics ({@code /metrics}) and state ({@code /ready}); discards by default. */
    default PluginReporting reporting() {
        return PluginReporting.DISCARD;
    }

    /**
     * Every kind a loaded plugin reads, beyond the kinds core reads itself: the one list a config source needs to
     * know what to read for plugins. It holds the kinds of every family a plugin can bring &mdash; route kinds
     * ({@link io.lintel.spi.kind.StreamRouteKind#kind()}, {@link io.lintel.spi.kind.HttpRouteKind#kind()}), policy
     * kinds ({@link PolicyKind#resourceKind()}), backend TLS policy kinds
     * ({@link io.lintel.spi.policy.BackendTlsPolicyKind#kind()}), listener set kinds
     * ({@link io.lintel.spi.kind.ListenerSetKind#kind()}) &mdash; and any family added later,
     * so a source that reads this list never changes when a family is added. Each group and kind appears once (core
     * refuses two plugins registering the same one), with the versions core accepts, most preferred first.
     *
     * <p>Every such kind is namespaced; a source that cannot tell the scope from elsewhere assumes so. A config
     * source that reads only the kinds it is told about (the Kubernetes source watches each kind, in the first of
     * its versions the API server serves, and writes its status) reads these too; sources that hand on every
     * document they find need not look. Known once every plugin is loaded: the context given to
     * {@link io.lintel.spi.config.ConfigSourceFactory#create} has them, the contexts of plugin loading have none.
     */
    default List<ResourceKind> resourceKinds() {
        return List.of();
    }
}
