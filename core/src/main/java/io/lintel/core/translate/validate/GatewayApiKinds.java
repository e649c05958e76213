package io.lintel.core.translate.validate;

import static io.lintel.core.translate.validate.ObjectSchema.object;

import java.util.Map;

/** The schema of each whole Gateway API document (metadata and spec) by kind. */
final class GatewayApiKinds {

    /** Whole documents by kind (Gateway API group only). */
    static final Map<String, Schema> BY_KIND = Map.of(
            "GatewayClass", document(GatewaySchemas.GATEWAY_CLASS_SPEC),
            "Gateway", document(GatewaySchemas.GATEWAY_SPEC),
            "HTTPRoute", document(GatewayApiSchemas.HTTP_ROUTE_SPEC),
            "GRPCRoute", document(GrpcRouteSchemas.SPEC),
            "ReferenceGrant", document(GatewayApiSchemas.REFERENCE_GRANT_SPEC),
            "TLSRoute", document(StreamRouteSchemas.TLS_ROUTE_SPEC),
            "TCPRoute", document(StreamRouteSchemas.TCP_ROUTE_SPEC),
            "UDPRoute", document(StreamRouteSchemas.UDP_ROUTE_SPEC),
            "BackendTLSPolicy", document(BackendTlsPolicySchemas.SPEC),
            "ListenerSet", document(GatewaySchemas.LISTENER_SET_SPEC));

    /** Kinds of the experimental group {@code gateway.networking.x-k8s.io}. */
    static final Map<String, Schema> X_BY_KIND = Map.of(
            "XListenerSet", document(GatewaySchemas.LISTENER_SET_SPEC));

    private static final Schema TLS_ROUTE_V1 = document(StreamRouteSchemas.TLS_ROUTE_V1_SPEC);

    /** The schema of a document of the kind in the Gateway API group at {@code apiVersion}, or null. */
    static Schema of(String kind, Object apiVersion) {
        if ("TLSRoute".equals(kind) && (ResourceValidator.GATEWAY_GROUP + "/v1").equals(apiVersion)) {
            return TLS_ROUTE_V1;
        }
        return BY_KIND.get(kind);
    }

    static Schema document(Schema spec) {
        return object().required("metadata", Fields.METADATA).required("spec", spec);
    }

    private GatewayApiKinds() {}
}
