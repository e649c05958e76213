package io.lintel.core.translate.validate;

import static io.lintel.schema.ObjectSchema.object;

import io.lintel.schema.Schema;
import java.util.Map;

/**
 * The schema of each whole Gateway API document (metadata and spec) by kind, for the kinds core reads. The route
 * kinds that relay connections or datagrams (TLSRoute, TCPRoute, UDPRoute) and BackendTLSPolicy are validated by their
 * plugins.
 */
final class GatewayApiKinds {

    /** Whole documents by kind (Gateway API group only). */
    static final Map<String, Schema> BY_KIND = Map.of(
            "GatewayClass", document(GatewaySchemas.GATEWAY_CLASS_SPEC),
            "Gateway", document(GatewaySchemas.GATEWAY_SPEC),
            "HTTPRoute", document(GatewayApiSchemas.HTTP_ROUTE_SPEC),
            "GRPCRoute", document(GrpcRouteSchemas.SPEC),
            "ReferenceGrant", document(GatewayApiSchemas.REFERENCE_GRANT_SPEC),
            "ListenerSet", document(GatewaySchemas.LISTENER_SET_SPEC));

    /** Kinds of the experimental group {@code gateway.networking.x-k8s.io}. */
    static final Map<String, Schema> X_BY_KIND = Map.of(
            "XListenerSet", document(GatewaySchemas.LISTENER_SET_SPEC));

    /** The {@code metadata} of a document of any kind (what Lintel uses of it). */
    static final Schema METADATA_ONLY = object().required("metadata", Fields.METADATA);

    /** The schema of a document of the kind in the Gateway API group at {@code apiVersion}, or null. */
    static Schema of(String kind, Object apiVersion) {
        return BY_KIND.get(kind);
    }

    static Schema document(Schema spec) {
        return object().required("metadata", Fields.METADATA).required("spec", spec);
    }

    private GatewayApiKinds() {}
}
