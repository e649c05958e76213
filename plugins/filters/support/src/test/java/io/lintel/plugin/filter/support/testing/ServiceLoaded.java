package io.lintel.plugin.filter.support.testing;

import io.lintel.spi.LintelPlugin;
import java.util.List;
import java.util.ServiceLoader;

/** What {@link ServiceLoader} finds on the test class path, as core's class-path plugin loading would see it. */
public final class ServiceLoaded {

    private ServiceLoaded() {}

    /** Every registered {@link LintelPlugin} of {@code type} (a plugin test expects exactly one). */
    public static List<LintelPlugin> plugins(Class<? extends LintelPlugin> type) {
        return ServiceLoader.load(LintelPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(type::isInstance)
                .toList();
    }
}
