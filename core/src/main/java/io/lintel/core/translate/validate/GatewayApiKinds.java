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
            "TLSRoute", document(GatewayApiSchemas.TLS_ROUTE_SPEC),
            "TCPRoute", document(GatewayApiSchemas.TCP_ROUTE_SPEC),
            "ListenerSet", document(GatewaySchemas.LISTENER_SET_SPEC));

    static Schema document(Schema spec) {
        return object().required("metadata", Fields.METADATA).required("spec", spec);
    }

    private GatewayApiKinds() {}
}
