package io.lintel.core.plugin;

import io.lintel.spi.kind.BackendProtocolRequirement;
import io.lintel.spi.kind.HttpRoute;
import io.lintel.spi.kind.HttpRouteKind;
import java.util.Optional;

/**
 * A directory plugin's HTTP-family route kind, called with the plugin's context class loader; what it declares besides
 * the kind and features (whether filters answer alone, the default backend protocol) is read once, like them.
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeHttpRouteKind extends ClassLoaderSafeDocumentKind<HttpRoute, HttpRouteKind>
        implements HttpRouteKind {

    private final boolean filtersAnswerWithoutBackends;
    private final Optional<BackendProtocolRequirement> defaultBackendProtocol;

    ClassLoaderSafeHttpRouteKind(HttpRouteKind delegate, ClassLoader loader) {
        super(delegate, loader);
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            this.filtersAnswerWithoutBackends = delegate.filtersAnswerWithoutBackends();
            this.defaultBackendProtocol = Optional.ofNullable(delegate.defaultBackendProtocol()).flatMap(p -> p);
        }
    }

    @Override
    public boolean filtersAnswerWithoutBackends() {
        return filtersAnswerWithoutBackends;
    }

    @Override
    public Optional<BackendProtocolRequirement> defaultBackendProtocol() {
        return defaultBackendProtocol;
    }
}
