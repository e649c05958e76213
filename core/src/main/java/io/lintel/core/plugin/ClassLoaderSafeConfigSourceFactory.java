package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.util.Map;

/**
 * Runs every call into a directory plugin's config source factory, and into the sources it creates, with the
 * plugin's context class loader (threads a source starts inherit it).
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeConfigSourceFactory implements ConfigSourceFactory {

    private final ConfigSourceFactory delegate;
    private final ClassLoader loader;

    ClassLoaderSafeConfigSourceFactory(ConfigSourceFactory delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public String type() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.type();
        }
    }

    @Override
    public ConfigSource create(Map<String, String> settings, PluginContext context) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return new ClassLoaderSafeConfigSource(delegate.create(settings, context), loader);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
