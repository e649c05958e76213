package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.StatusWriter;
import java.util.Map;
import java.util.Optional;

/** Runs every call into a directory plugin's config source (and its status writer) with the plugin's context class loader. */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeConfigSource implements ConfigSource {

    private final ConfigSource delegate;
    private final ClassLoader loader;

    ClassLoaderSafeConfigSource(ConfigSource delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public void start(ResourceSink sink) throws Exception {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            delegate.start(sink);
        }
    }

    @Override
    public Optional<StatusWriter> statusWriter() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.statusWriter().map(writer -> new ClassLoaderSafeStatusWriter(writer, loader));
        }
    }

    @Override
    public String describe() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.describe();
        }
    }

    @Override
    public boolean healthy() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.healthy();
        }
    }

    @Override
    public void close() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            delegate.close();
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** A status writer called with the plugin's context class loader. */
    private record ClassLoaderSafeStatusWriter(StatusWriter delegate, ClassLoader loader) implements StatusWriter {

        @Override
        public void write(ResourceKey key, Map<String, Object> status) {
            try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
                delegate.write(key, status);
            }
        }
    }
}
