package io.lintel.spi;

import java.time.Clock;
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
}
