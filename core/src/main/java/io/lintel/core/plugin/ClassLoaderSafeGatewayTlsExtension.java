package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.gateway.GatewayTlsDescription;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.gateway.GatewayTlsSpec;
import java.util.Set;

/**
 * A plugin's Gateway TLS extension, called with the plugin's context class loader; what it declares (features,
 * misdirected-request detection) is read once, when it is registered.
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeGatewayTlsExtension implements GatewayTlsExtension {

    private final GatewayTlsExtension delegate;
    private final ClassLoader loader;
    private final Set<GatewayFeature> features;
    private final boolean detectsMisdirectedRequests;

    ClassLoaderSafeGatewayTlsExtension(GatewayTlsExtension delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            this.features = Set.copyOf(delegate.features());
            this.detectsMisdirectedRequests = delegate.detectsMisdirectedRequests();
        }
    }

    @Override
    public Set<GatewayFeature> features() {
        return features;
    }

    @Override
    public GatewayTlsDescription describe(GatewayTlsSpec tls) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.describe(tls);
        }
    }

    @Override
    public boolean detectsMisdirectedRequests() {
        return detectsMisdirectedRequests;
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
