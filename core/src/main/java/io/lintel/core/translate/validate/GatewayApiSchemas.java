package io.lintel.core.translate.validate;

import static io.lintel.schema.gatewayapi.Fields.GROUP;
import static io.lintel.schema.gatewayapi.Fields.KIND;
import static io.lintel.schema.gatewayapi.Fields.NAMESPACE;
import static io.lintel.schema.gatewayapi.Fields.OBJECT_NAME;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;
import static io.lintel.schema.httproute.HttpRouteSchemas.filters;
import static io.lintel.schema.httproute.HttpRouteSchemas.headerMatch;
import static io.lintel.schema.httproute.HttpRouteSchemas.headerMatches;
import static io.lintel.schema.httproute.HttpRouteSchemas.routeRule;
import static io.lintel.schema.httproute.HttpRouteSchemas.routeSpec;

import io.lintel.schema.ListSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.gatewayapi.Patterns;
import io.lintel.schema.httproute.HeaderValues;
import io.lintel.schema.httproute.HttpRouteRules;
import io.lintel.schema.httproute.RuleSettings;
import java.util.Map;

/**
 * The schemas (types, required fields, enumerations, patterns, lengths, list sizes) of the Gateway API v1.2 kinds
 * the translator serves, as data; the cross-field CEL rules are in {@link GatewayRules} and {@link HttpRouteRules}.
 * What HTTPRoute shares with GRPCRoute (its plugin's) is in {@code io.lintel.schema.httproute}; the fields route kinds
 * share with the plugins' kinds (parentRefs, backendRefs, hostnames, rule names) are in
 * {@code io.lintel.schema.gatewayapi}.
 */
final class GatewayApiSchemas {

    /** HTTPHeaderMatch: its value follows the CRD's header value pattern ({@link HeaderValues}). */
    static final Schema HEADER_MATCH = headerMatch(HeaderValues.VALUE);

    static final ListSchema HEADER_MATCHES = headerMatches(HEADER_MATCH);

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

    static final Schema ROUTE_RULE = routeRule(ROUTE_MATCH, 64, FILTERS)
            .optional("timeouts", RuleSettings.TIMEOUTS)
            .optional("retry", RuleSettings.RETRY)
            .rule(HttpRouteRules::redirectWithoutBackends)
            .rule(HttpRouteRules::replacePrefixMatchNeedsOnePrefix);

    /** HTTPRoute: {@code spec.rules} has 1-16 items (absent, it defaults to one rule matching {@code /}). */
    static final Schema HTTP_ROUTE_SPEC = routeSpec(ROUTE_RULE, 1, 1);

    static final Schema REFERENCE_GRANT_SPEC = object()
            .required("from", listOf(object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .required("namespace", NAMESPACE)).size(1, 16))
            .required("to", listOf(object()
                    .required("group", GROUP)
                    .required("kind", KIND)
                    .optional("name", OBJECT_NAME)).size(1, 16));

    private GatewayApiSchemas() {}
}
