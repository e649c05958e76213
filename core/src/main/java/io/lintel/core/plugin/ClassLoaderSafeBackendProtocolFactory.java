package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendChannelSetup;
import io.lintel.spi.backend.BackendProtocolFactory;
import java.util.Set;

/** Runs every call into a directory plugin's backend protocol factory with the plugin's context class loader. */
@SuppressWarnings({"try", "deprecation"}) // the resource is the context class loader switch itself
final class ClassLoaderSafeBackendProtocolFactory implements BackendProtocolFactory {

    private final BackendProtocolFactory delegate;
    private final ClassLoader loader;

    ClassLoaderSafeBackendProtocolFactory(BackendProtocolFactory delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
    }

    @Override
    public String appProtocol() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.appProtocol();
        }
    }

    @Override
    public Set<GatewayFeature> features() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.features();
        }
    }

    @Override
    public void initialize(BackendChannelSetup connection) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            delegate.initialize(connection);
        }
    }

    @Override
    @Deprecated
    public void initialize(Object channelPipeline) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            delegate.initialize(channelPipeline);
        }
    }

    @Override
    public boolean switchProtocols(BackendChannelSetup connection) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.switchProtocols(connection);
        }
    }

    @Override
    public boolean multiplexesStreams() {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.multiplexesStreams();
        }
    }

    @Override
    public void initializeStream(BackendChannelSetup stream) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            delegate.initializeStream(stream);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
