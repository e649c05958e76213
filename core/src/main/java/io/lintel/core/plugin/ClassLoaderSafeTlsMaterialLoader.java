package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import io.lintel.spi.tls.TlsMaterial;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.util.Map;

/** Runs every call into a directory plugin's TLS material loader with the plugin's context class loader. */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeTlsMaterialLoader implements TlsMaterialLoader {

    private final TlsMaterialLoader delegate;
    private final ClassLoader loader;

    ClassLoaderSafeTlsMaterialLoader(TlsMaterialLoader delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public String name() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.name();
        }
    }

    @Override
    public TlsMaterial load(Map<String, byte[]> secretData) throws InvalidTlsMaterialException {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.load(secretData);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
