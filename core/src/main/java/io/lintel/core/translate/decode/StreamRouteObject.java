package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;

/**
 * A route of a kind a plugin reads ({@link StreamRouteKind}), decoded: core's typed {@code metadata} and the route the
 * plugin described. The {@link HasMetadata} face lets it travel where the fabric8-typed kinds do (generation,
 * creation time); nothing else of fabric8's model applies to it.
 */
public final class StreamRouteObject implements HasMetadata {

    private final String kind;
    private final StreamRouteKind routeKind;
    private final StreamRoute route;
    private String apiVersion;
    private ObjectMeta metadata;

    StreamRouteObject(String apiVersion, ObjectMeta metadata, StreamRouteKind routeKind, StreamRoute route) {
        this.apiVersion = requireNonNull(apiVersion, "apiVersion");
        this.metadata = requireNonNull(metadata, "metadata");
        this.routeKind = requireNonNull(routeKind, "routeKind");
        this.kind = routeKind.kind().kind();
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

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public String getKind() {
        return kind;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }
}
