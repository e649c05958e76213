package io.lintel.core.translate.validate;

import static io.lintel.core.translate.validate.GatewayApiSchemas.GROUP;
import static io.lintel.core.translate.validate.GatewayApiSchemas.HOSTNAME;
import static io.lintel.core.translate.validate.GatewayApiSchemas.KIND;
import static io.lintel.core.translate.validate.GatewayApiSchemas.NAMESPACE;
import static io.lintel.core.translate.validate.GatewayApiSchemas.PARENT_REF;
import static io.lintel.core.translate.validate.GatewayApiSchemas.PORT;
import static io.lintel.core.translate.validate.IntegerSchema.range;
import static io.lintel.core.translate.validate.ListSchema.listOf;
import static io.lintel.core.translate.validate.ObjectSchema.object;
import static io.lintel.core.translate.validate.StringSchema.string;

import java.util.Map;

/**
 * The schema of {@code gateway.networking.k8s.io/v1} GRPCRoute (Gateway API v1.2 CRD, plus the rule {@code name} of
 * GEP-995) as data; its CEL rules are in {@link GrpcRouteRules}, those it shares with HTTPRoute in
 * {@link HttpRouteRules}.
 */
final class GrpcRouteSchemas {

    static final Schema METHOD_MATCH = object()
            .optional("type", string().oneOf("Exact", "RegularExpression"))
            .optional("service", string().length(0, 1024))
            .optional("method", string().length(0, 1024))
            .rule(GrpcRouteRules::serviceOrMethod)
            .rule(GrpcRouteRules::exactValuesValid)
            .rule(GrpcRouteRules::regexCompiles);

    static final Schema HEADER_MATCH = object()
            .optional("type", string().oneOf("Exact", "RegularExpression"))
            .required("name", string().length(1, 256).pattern(Patterns.HEADER_NAME))
            .required("value", string().length(1, 4096))
            .rule(HttpRouteRules::regexCompiles);

    static final Schema ROUTE_MATCH = object()
            .optional("method", METHOD_MATCH)
            .optional("headers", listOf(HEADER_MATCH).size(0, 16)
                    .uniqueBy("header name", item -> ((Map<?, ?>) item).get("name")));

    static final Schema FILTER = object()
            .required("type", string().oneOf("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror",
                    "ExtensionRef"))
            .optional("extensionRef", object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .required("name", string().length(1, 253)))
            .rule(HttpRouteRules::filterFieldMatchesType);

    static final ListSchema FILTERS = listOf(FILTER).size(0, 16).rule(HttpRouteRules::filtersCompatible);

    static final Schema BACKEND_REF = object()
            .optional("group", GROUP)
            .optional("kind", KIND)
            .required("name", string().length(1, 253))
            .optional("namespace", NAMESPACE)
            .optional("port", PORT)
            .optional("weight", range(0, 1_000_000))
            .optional("filters", FILTERS)
            .rule(HttpRouteRules::servicePortRequired);

    static final Schema ROUTE_RULE = object()
            .optional("name", string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN))
            .optional("matches", listOf(ROUTE_MATCH).size(0, 8))
            .optional("filters", FILTERS)
            .optional("backendRefs", listOf(BACKEND_REF).size(0, 16));

    static final Schema SPEC = object()
            .optional("parentRefs", listOf(PARENT_REF).size(0, 32).rule(HttpRouteRules::parentRefsDistinct))
            .optional("hostnames", listOf(HOSTNAME).size(0, 16))
            .optional("rules", listOf(ROUTE_RULE).size(0, 16)
                    .rule(HttpRouteRules::totalMatchesBounded)
                    .uniqueBy("rule name", item -> ((Map<?, ?>) item).get("name")));

    private GrpcRouteSchemas() {}
}
