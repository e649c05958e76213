package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.DocumentKind;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ResourceKind;
import java.util.List;
import java.util.Set;

/**
 * Runs every call into a directory plugin's document kind with the plugin's context class loader; what the kind
 * declares (kind, features) is read once, when it is registered. Each family's wrapper adds what its own interface
 * declares.
 *
 * @param <D> what a valid object describes
 * @param <K> the family's interface, for the family's own declarations
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
abstract class ClassLoaderSafeDocumentKind<D, K extends DocumentKind<D>> implements DocumentKind<D> {

    final K delegate;
    final ClassLoader loader;
    private final ResourceKind kind;
    private final Set<GatewayFeature> features;

    ClassLoaderSafeDocumentKind(K delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.loader = requireNonNull(loader, "loader");
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            this.kind = requireNonNull(delegate.kind(), "kind()");
            this.features = Set.copyOf(delegate.features());
        }
    }

    @Override
    public ResourceKind kind() {
        return kind;
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
    public D describe(KubernetesDocument document) {
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            return delegate.describe(document);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
