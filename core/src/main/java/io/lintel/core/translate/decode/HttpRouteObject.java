package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.lintel.spi.kind.HttpRoute;
import io.lintel.spi.kind.HttpRouteKind;

/** A route of an HTTP-family kind a plugin reads ({@link HttpRouteKind}, e.g. GRPCRoute), decoded. */
public final class HttpRouteObject extends PluginObject {

    private final HttpRouteKind routeKind;
    private final HttpRoute route;

    HttpRouteObject(String apiVersion, ObjectMeta metadata, HttpRouteKind routeKind, HttpRoute route) {
        super(routeKind.kind().kind(), apiVersion, metadata);
        this.routeKind = requireNonNull(routeKind, "routeKind");
        this.route = requireNonNull(route, "route");
    }

    /** The plugin's kind: whether filters answer alone, the protocol of its backends. */
    public HttpRouteKind routeKind() {
        return routeKind;
    }

    /** What the plugin made of the document. */
    public HttpRoute route() {
        return route;
    }
}
