package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;

/** A route of a kind a plugin reads ({@link StreamRouteKind}), decoded. */
public final class StreamRouteObject extends PluginObject {

    private final StreamRouteKind routeKind;
    private final StreamRoute route;

    StreamRouteObject(String apiVersion, ObjectMeta metadata, StreamRouteKind routeKind, StreamRoute route) {
        super(routeKind.kind().kind(), apiVersion, metadata);
        this.routeKind = requireNonNull(routeKind, "routeKind");
        this.route = requireNonNull(route, "route");
    }

    /** The plugin's kind: which listeners the route attaches to. */
    public StreamRouteKind routeKind() {
        return routeKind;
    }

    /** What the plugin made of the document. */
    public StreamRoute route() {
        return route;
    }
}
