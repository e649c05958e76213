package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.List;
import java.util.Set;

/**
 * Runs every call into a directory plugin's stream route kind with the plugin's context class loader; what the kind
 * declares (kind, protocol, features) is read once, when it is registered.
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeStreamRouteKind implements StreamRouteKind {

    private final StreamRouteKind delegate;
    private final ClassLoader loader;
    private final ResourceKind kind;
    private final ListenerProtocol protocol;
    private final Set<GatewayFeature> features;

    ClassLoaderSafeStreamRouteKind(StreamRouteKind delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            this.kind = requireNonNull(delegate.kind(), "kind()");
            this.protocol = requireNonNull(delegate.protocol(), "protocol()");
            this.features = Set.copyOf(delegate.features());
        }
    }

    @Override
    public ResourceKind kind() {
        return kind;
    }

    @Override
    public ListenerProtocol protocol() {
        return protocol;
    }

    @Override
    public Set<GatewayFeature> features() {
        return features;
    }

    @Override
    public List<FieldViolation> validate(KubernetesDocument document) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.validate(document);
        }
    }

    @Override
    public StreamRoute describe(KubernetesDocument document) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.describe(document);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
