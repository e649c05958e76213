package io.lintel.core.translate.validate;

import static io.lintel.schema.gatewayapi.Fields.GROUP;
import static io.lintel.schema.gatewayapi.Fields.KIND;
import static io.lintel.schema.gatewayapi.Fields.NAMESPACE;
import static io.lintel.schema.gatewayapi.Fields.OBJECT_NAME;
import static io.lintel.schema.gatewayapi.Fields.PORT;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.Schema;
import io.lintel.schema.gatewayapi.Listeners;
import io.lintel.schema.gatewayapi.Patterns;
import java.util.Map;

/**
 * The schemas of GatewayClass, Gateway and XListenerSet (Gateway API v1.6 experimental channel) as data; their CEL
 * rules are in {@link GatewayRules}, {@link MetadataMaps} and, for listeners, the shared {@link Listeners}.
 */
final class GatewaySchemas {

    static final Schema GATEWAY_CLASS_SPEC = object()
            .required("controllerName", string().length(1, 253).pattern(Patterns.CONTROLLER_NAME))
            .optional("description", string().length(0, 64))
            .optional("parametersRef", object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .required("name", OBJECT_NAME)
                    .optional("namespace", NAMESPACE));

    /** SecretObjectReference, and any reference of optional group and kind, a name and an optional namespace. */
    static final Schema SECRET_REF = Listeners.SECRET_REF;

    /** The listeners of a Gateway (a ListenerSet's have the same schema; the listenerset plugin reads those). */
    static final Schema LISTENERS = Listeners.LISTENERS;

    /** GEP-91 {@code TLSConfig}: client certificate validation of the HTTPS listeners of a port (or all). */
    static final Schema FRONTEND_TLS_CONFIG = object()
            .optional("validation", object()
                    .required("caCertificateRefs", listOf(object()
                            .required("group", GROUP)
                            .required("kind", KIND)
                            .required("name", OBJECT_NAME)
                            .optional("namespace", NAMESPACE)).size(1, 16)) // tls.frontend.*.validation.caCertificateRefs: 1-16
                    .optional("mode", string().oneOf("AllowValidOnly", "AllowInsecureFallback")));

    /** GEP-1713: which namespaces may attach ListenerSets to a Gateway ({@code None} when absent). */
    static final Schema ALLOWED_LISTENERS = object()
            .optional("namespaces", object()
                    .optional("from", string().oneOf("All", "Selector", "Same", "None"))
                    .optional("selector", Listeners.LABEL_SELECTOR)
                    .rule(Listeners::selectorWhenFromSelector));

    /** {@code spec.infrastructure}: labels and annotations for what the Gateway creates, and parameters. */
    static final Schema INFRASTRUCTURE = object()
            .optional("labels", MetadataMaps.LABELS)
            .optional("annotations", MetadataMaps.ANNOTATIONS)
            .optional("parametersRef", object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .required("name", OBJECT_NAME));

    static final Schema GATEWAY_TLS = object()
            .optional("backend", object()
                    .optional("clientCertificateRef", SECRET_REF))
            .optional("frontend", object()
                    .required("default", FRONTEND_TLS_CONFIG)
                    .optional("perPort", listOf(object()
                            .required("port", PORT)
                            .required("tls", FRONTEND_TLS_CONFIG)).size(0, 64)
                            .unique("Port for TLS configuration must be unique within the Gateway",
                                    item -> ((Map<?, ?>) item).get("port"))));

    static final Schema ADDRESSES = listOf(object()
            .optional("type", string().length(1, 253).pattern(Patterns.ADDRESS_TYPE))
            // no value asks the implementation to assign one (GatewayAddressEmpty)
            .optional("value", string().length(0, 253))
            .rule(GatewayRules::addressValueMatchesType)).size(0, 16)
            .rule(GatewayRules::addressesUnique);

    static final Schema GATEWAY_SPEC = object()
            .required("gatewayClassName", OBJECT_NAME)
            .optional("addresses", ADDRESSES)
            .optional("allowedListeners", ALLOWED_LISTENERS)
            .optional("defaultScope", string().oneOf("All", "None"))
            .optional("infrastructure", INFRASTRUCTURE)
            .required("listeners", LISTENERS)
            .optional("tls", GATEWAY_TLS);

    /**
     * XListenerSet (the experimental group's ListenerSet, GEP-1713): a parent Gateway and listeners of the Gateway's
     * shape. Validated only: no plugin reads the kind (the listenerset plugin reads the standard ListenerSet).
     */
    static final Schema X_LISTENER_SET_SPEC = object()
            .required("parentRef", SECRET_REF)
            .required("listeners", LISTENERS);

    private GatewaySchemas() {}
}
