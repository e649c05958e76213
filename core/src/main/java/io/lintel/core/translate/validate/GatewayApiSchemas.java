package io.lintel.core.translate.validate;

import static io.lintel.core.translate.validate.IntegerSchema.range;
import static io.lintel.core.translate.validate.ListSchema.listOf;
import static io.lintel.core.translate.validate.ObjectSchema.object;
import static io.lintel.core.translate.validate.StringSchema.string;

import java.util.Map;

/**
 * The schemas (types, required fields, enumerations, patterns, lengths, list sizes) of the Gateway API v1.2 kinds
 * the translator serves, as data; the cross-field CEL rules are in {@link GatewayRules} and {@link HttpRouteRules}.
 * GRPCRoute's own parts are in {@link GrpcRouteSchemas}.
 */
final class GatewayApiSchemas {

    static final Schema NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);
    static final Schema NAMESPACE = string().length(1, 63).pattern(Patterns.DNS_LABEL);
    static final Schema GROUP = string().length(0, 253).pattern(Patterns.GROUP);
    static final Schema KIND = string().length(1, 63).pattern(Patterns.KIND);
    static final Schema SECTION_NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);
    static final Schema HOSTNAME = string().length(1, 253).pattern(Patterns.HOSTNAME);
    static final Schema PORT = range(1, 65535);

    static final Schema METADATA = object()
            .required("name", string().length(1, 253))
            .optional("namespace", NAMESPACE)
            .optional("generation", range(0, Long.MAX_VALUE))
            .optional("labels", Schema.ANY)
            .optional("creationTimestamp", string());

    static final Schema GATEWAY_CLASS_SPEC = object()
            .required("controllerName", string().length(1, 253).pattern(Patterns.CONTROLLER_NAME))
            .optional("description", string().length(0, 64))
            .optional("parametersRef", object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .required("name", string().length(1, 253))
                    .optional("namespace", NAMESPACE));

    static final Schema SECRET_REF = object()
            .optional("group", GROUP)
            .optional("kind", KIND)
            .required("name", string().length(1, 253))
            .optional("namespace", NAMESPACE);

    static final Schema LABEL_SELECTOR = object()
            .optional("matchLabels", Schema.ANY)
            .optional("matchExpressions", listOf(object()
                    .required("key", string().length(1, 317))
                    .required("operator", string().oneOf("In", "NotIn", "Exists", "DoesNotExist"))
                    .optional("values", listOf(string()))));

    static final Schema LISTENER = object()
            .required("name", SECTION_NAME)
            .optional("hostname", HOSTNAME)
            .required("port", PORT)
            .required("protocol", string().length(1, 255).pattern(Patterns.PROTOCOL))
            .optional("tls", object()
                    .optional("mode", string().oneOf("Terminate", "Passthrough"))
                    .optional("certificateRefs", listOf(SECRET_REF).size(0, 64))
                    .optional("options", Schema.ANY)
                    .rule(GatewayRules::tlsTerminateNeedsCertificates))
            .optional("allowedRoutes", object()
                    .optional("namespaces", object()
                            .optional("from", string().oneOf("All", "Selector", "Same"))
                            .optional("selector", LABEL_SELECTOR)
                            .rule(GatewayRules::selectorWhenFromSelector))
                    .optional("kinds", listOf(object()
                            .optional("group", GROUP)
                            .required("kind", KIND)).size(0, 8)));

    /** GEP-91 {@code TLSConfig}: client certificate validation of the HTTPS listeners of a port (or all). */
    static final Schema FRONTEND_TLS_CONFIG = object()
            .optional("validation", object()
                    .required("caCertificateRefs", listOf(object()
                            .optional("group", GROUP)
                            .required("kind", KIND)
                            .required("name", string().length(1, 253))
                            .optional("namespace", NAMESPACE)).size(1, 8))
                    .optional("mode", string().oneOf("AllowValidOnly", "AllowInsecureFallback")));

    /** GEP-1713: which namespaces may attach ListenerSets to a Gateway ({@code None} when absent). */
    static final Schema ALLOWED_LISTENERS = object()
            .optional("namespaces", object()
                    .optional("from", string().oneOf("All", "Selector", "Same", "None"))
                    .optional("selector", LABEL_SELECTOR)
                    .rule(GatewayRules::selectorWhenFromSelector));

    static final Schema GATEWAY_SPEC = object()
            .required("gatewayClassName", string().length(1, 253))
            .optional("allowedListeners", ALLOWED_LISTENERS)
            .optional("tls", object()
                    .optional("frontend", object()
                            .optional("default", FRONTEND_TLS_CONFIG)
                            .optional("perPort", listOf(object()
                                    .required("port", PORT)
                                    .required("tls", FRONTEND_TLS_CONFIG)).size(0, 64)
                                    .uniqueBy("port", item -> ((Map<?, ?>) item).get("port")))))
            .required("listeners", listOf(LISTENER).size(1, 64)
                    .uniqueBy("listener name", item -> ((Map<?, ?>) item).get("name"))
                    .rule(GatewayRules::listenerCombinationsUnique)
                    .rule(GatewayRules::tlsOnlyForTlsProtocols)
                    .rule(GatewayRules::hostnameNotForTcpUdp))
            .optional("addresses", listOf(object()
                    .optional("type", string().length(1, 253).pattern(Patterns.ADDRESS_TYPE))
                    // no value asks the implementation to assign one (GatewayAddressEmpty)
                    .optional("value", string().length(0, 253))
                    .rule(GatewayRules::addressValueMatchesType)).size(0, 16)
                    .rule(GatewayRules::addressesUnique));

    static final Schema HEADER_MATCH = object()
            .optional("type", string().oneOf("Exact", "RegularExpression"))
            .required("name", string().length(1, 256).pattern(Patterns.HEADER_NAME))
            .required("value", string().length(1, 4096))
            .rule(HttpRouteRules::regexCompiles);

    static final ListSchema HEADER_MATCHES = listOf(HEADER_MATCH).size(0, 16)
            .uniqueBy("header name", item -> ((Map<?, ?>) item).get("name"));

    static final Schema QUERY_PARAM_MATCH = object()
            .optional("type", string().oneOf("Exact", "RegularExpression"))
            .required("name", string().length(1, 256).pattern(Patterns.HEADER_NAME))
            .required("value", string().length(1, 1024))
            .rule(HttpRouteRules::regexCompiles);

    static final Schema PATH_MATCH = object()
            .optional("type", string().oneOf("Exact", "PathPrefix", "RegularExpression"))
            .optional("value", string().length(0, 1024))
            .rule(HttpRouteRules::pathValue);

    static final Schema ROUTE_MATCH = object()
            .optional("path", PATH_MATCH)
            .optional("headers", HEADER_MATCHES)
            .optional("queryParams", listOf(QUERY_PARAM_MATCH).size(0, 16)
                    .uniqueBy("query parameter name", item -> ((Map<?, ?>) item).get("name")))
            .optional("method", string().oneOf("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                    "PATCH"));

    static final ListSchema FILTERS = filters("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror",
            "RequestRedirect", "URLRewrite", "ExtensionRef", "CORS", "ExternalAuth");

    /** A rule's {@code name} (GEP-995). */
    static final Schema RULE_NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);

    /** A BackendObjectReference with a weight: the fields every route kind's backendRef starts with. */
    private static final ObjectSchema WEIGHTED_BACKEND_OBJECT_REF = object()
            .optional("group", GROUP)
            .optional("kind", KIND)
            .required("name", string().length(1, 253))
            .optional("namespace", NAMESPACE)
            .optional("port", PORT)
            .optional("weight", range(0, 1_000_000));

    static final Schema ROUTE_RULE = routeRule(ROUTE_MATCH, 64, FILTERS)
            .rule(HttpRouteRules::redirectWithoutBackends)
            .rule(HttpRouteRules::replacePrefixMatchNeedsOnePrefix);

    static final Schema PARENT_REF = object()
            .optional("group", GROUP)
            .optional("kind", KIND)
            .optional("namespace", NAMESPACE)
            .required("name", string().length(1, 253))
            .optional("sectionName", SECTION_NAME)
            .optional("port", PORT);

    static final ListSchema PARENT_REFS = listOf(PARENT_REF).size(0, 32).rule(HttpRouteRules::parentRefsDistinct);

    static final ListSchema HOSTNAMES = listOf(HOSTNAME).size(0, 16);

    static final Schema HTTP_ROUTE_SPEC = routeSpec(ROUTE_RULE);

    static final Schema REFERENCE_GRANT_SPEC = object()
            .required("from", listOf(object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .required("namespace", NAMESPACE)).size(1, 16))
            .required("to", listOf(object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .optional("name", string().length(1, 253))).size(1, 16));

    /** A TLSRoute's backendRef: a BackendObjectReference with weight, no filters. */
    static final Schema TLS_BACKEND_REF = WEIGHTED_BACKEND_OBJECT_REF.rule(HttpRouteRules::servicePortRequired);

    /** The rules of a route that relays connections (TLSRoute, TCPRoute): backendRefs only. */
    static final Schema STREAM_ROUTE_RULES = listOf(object()
            .optional("name", RULE_NAME)
            .required("backendRefs", listOf(TLS_BACKEND_REF).size(1, 16))).size(1, 16)
            .uniqueBy("rule name", GatewayApiSchemas::ruleName);

    static final Schema TLS_ROUTE_SPEC = object()
            .optional("parentRefs", PARENT_REFS)
            .optional("hostnames", HOSTNAMES)
            .optional("useDefaultGateways", string().oneOf("All", "None"))
            .required("rules", STREAM_ROUTE_RULES);

    /** TCPRoute (v1alpha2 and v1 alike): as a TLSRoute without hostnames. */
    static final Schema TCP_ROUTE_SPEC = object()
            .optional("parentRefs", PARENT_REFS)
            .optional("useDefaultGateways", string().oneOf("All", "None"))
            .required("rules", STREAM_ROUTE_RULES);

    /** UDPRoute (v1alpha2 and v1 alike): the same shape as a TCPRoute. */
    static final Schema UDP_ROUTE_SPEC = TCP_ROUTE_SPEC;

    /** ListenerSet (v1, GEP-1713): a parent Gateway and listeners of the Gateway's shape. */
    static final Schema LISTENER_SET_SPEC = object()
            .required("parentRef", object()
                    .optional("group", GROUP)
                    .optional("kind", KIND)
                    .required("name", string().length(1, 253))
                    .optional("namespace", NAMESPACE))
            .required("listeners", listOf(LISTENER).size(1, 64)
                    .uniqueBy("listener name", item -> ((Map<?, ?>) item).get("name"))
                    .rule(GatewayRules::listenerCombinationsUnique)
                    .rule(GatewayRules::tlsOnlyForTlsProtocols)
                    .rule(GatewayRules::hostnameNotForTcpUdp));

    /** Whole documents by kind (Gateway API group only). */
    static final Map<String, Schema> BY_KIND = Map.of(
            "GatewayClass", document(GATEWAY_CLASS_SPEC),
            "Gateway", document(GATEWAY_SPEC),
            "HTTPRoute", document(HTTP_ROUTE_SPEC),
            "GRPCRoute", document(GrpcRouteSchemas.SPEC),
            "ReferenceGrant", document(REFERENCE_GRANT_SPEC),
            "TLSRoute", document(TLS_ROUTE_SPEC),
            "TCPRoute", document(TCP_ROUTE_SPEC),
            "UDPRoute", document(UDP_ROUTE_SPEC),
            "ListenerSet", document(LISTENER_SET_SPEC));

    /** The filters list of a route kind whose filters may be of the given types. */
    static ListSchema filters(String... types) {
        Schema filter = object()
                .required("type", string().oneOf(types))
                .optional("extensionRef", object()
                        .required("group", GROUP)
                        .required("kind", KIND)
                        .required("name", string().length(1, 253)))
                .rule(HttpRouteRules::filterFieldMatchesType);
        return listOf(filter).size(0, 16).rule(HttpRouteRules::filtersCompatible);
    }

    /** A rule of an HTTP-like route kind (HTTPRoute, GRPCRoute): name, matches, filters, backendRefs with filters. */
    static ObjectSchema routeRule(Schema match, int maxMatches, ListSchema filters) {
        Schema backendRef = WEIGHTED_BACKEND_OBJECT_REF
                .optional("filters", filters)
                .rule(HttpRouteRules::servicePortRequired);
        return object()
                .optional("name", RULE_NAME)
                .optional("matches", listOf(match).size(0, maxMatches))
                .optional("filters", filters)
                .optional("backendRefs", listOf(backendRef).size(0, 16));
    }

    /** The spec of an HTTP-like route kind with the given rule schema. */
    static Schema routeSpec(Schema rule) {
        return object()
                .optional("parentRefs", PARENT_REFS)
                .optional("hostnames", HOSTNAMES)
                .optional("rules", listOf(rule).size(0, 16)
                        .rule(HttpRouteRules::totalMatchesBounded)
                        .uniqueBy("rule name", GatewayApiSchemas::ruleName));
    }

    private static Object ruleName(Object rule) {
        return ((Map<?, ?>) rule).get("name");
    }

    private static Schema document(Schema spec) {
        return object().required("metadata", METADATA).required("spec", spec);
    }

    private GatewayApiSchemas() {}
}
