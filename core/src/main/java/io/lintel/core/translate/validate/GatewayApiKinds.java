package io.lintel.core.translate.validate;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.Schema;
import io.lintel.schema.gatewayapi.Fields;
import java.util.Map;

/**
 * The schema of each whole Gateway API document (metadata and spec) by kind, for the kinds core reads. GRPCRoute,
 * the route kinds that relay connections or datagrams (TLSRoute, TCPRoute, UDPRoute), BackendTLSPolicy and
 * ListenerSet are
 * validated by their plugins.
 */
final class GatewayApiKinds {

    /**
     * The {@code metadata} fields Lintel uses, as every kind's schema checks them. Declared before the kinds: their
     * documents are built with it while this class initializes.
     */
    static final Schema METADATA = object()
            .required("name", Fields.OBJECT_NAME)
            .optional("namespace", Fields.NAMESPACE)
            .optional("generation", range(0, Long.MAX_VALUE))
            .optional("labels", Schema.ANY)
            .optional("creationTimestamp", string());

    /** Whole documents by kind (Gateway API group only). */
    static final Map<String, Schema> BY_KIND = Map.of(
            "GatewayClass", document(GatewaySchemas.GATEWAY_CLASS_SPEC),
            "Gateway", document(GatewaySchemas.GATEWAY_SPEC),
            "HTTPRoute", document(GatewayApiSchemas.HTTP_ROUTE_SPEC),
            "ReferenceGrant", document(GatewayApiSchemas.REFERENCE_GRANT_SPEC));

    /** Kinds of the experimental group {@code gateway.networking.x-k8s.io}. */
    static final Map<String, Schema> X_BY_KIND = Map.of(
            "XListenerSet", document(GatewaySchemas.X_LISTENER_SET_SPEC));

    /** The {@code metadata} of a document of any kind (what Lintel uses of it). */
    static final Schema METADATA_ONLY = object().required("metadata", METADATA);

    /** The schema of a document of the kind in the Gateway API group at {@code apiVersion}, or null. */
    static Schema of(String kind, Object apiVersion) {
        return BY_KIND.get(kind);
    }

    static Schema document(Schema spec) {
        return object().required("metadata", METADATA).required("spec", spec);
    }

    private GatewayApiKinds() {}
}
