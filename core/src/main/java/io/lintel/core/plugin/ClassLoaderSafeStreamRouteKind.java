package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;

/**
 * A directory plugin's stream route kind, called with the plugin's context class loader; its listener protocol is
 * read once, like the kind and features.
 */
@SuppressWarnings("try") // the resource is the context class loader switch itself
final class ClassLoaderSafeStreamRouteKind extends ClassLoaderSafeDocumentKind<StreamRoute, StreamRouteKind>
        implements StreamRouteKind {

    private final ListenerProtocol protocol;

    ClassLoaderSafeStreamRouteKind(StreamRouteKind delegate, ClassLoader loader) {
        super(delegate, loader);
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
            this.protocol = requireNonNull(delegate.protocol(), "protocol()");
        }
    }

    @Override
    public ListenerProtocol protocol() {
        return protocol;
    }
}
