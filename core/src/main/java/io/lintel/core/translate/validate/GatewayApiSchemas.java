package io.lintel.core.translate.validate;

import static io.lintel.schema.gatewayapi.Fields.GROUP;
import static io.lintel.schema.gatewayapi.Fields.KIND;
import static io.lintel.schema.gatewayapi.Fields.NAMESPACE;
import static io.lintel.schema.gatewayapi.Fields.OBJECT_NAME;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.gatewayapi.BackendRefs;
import io.lintel.schema.gatewayapi.ParentRefs;
import io.lintel.schema.gatewayapi.Patterns;
import io.lintel.schema.gatewayapi.RouteSpecFields;
import java.util.Map;

/**
 * The schemas (types, required fields, enumerations, patterns, lengths, list sizes) of the Gateway API v1.2 kinds
 * the translator serves, as data; the cross-field CEL rules are in {@link GatewayRules} and {@link HttpRouteRules}.
 * GRPCRoute's own parts are in {@link GrpcRouteSchemas}; the fields route kinds share with the plugins' kinds
 * (parentRefs, backendRefs, hostnames, rule names) are in {@code io.lintel.schema.gatewayapi}.
 */
final class GatewayApiSchemas {

    /** HTTPHeaderMatch: its value follows the CRD's header value pattern ({@link HeaderValues}). */
    static final Schema HEADER_MATCH = headerMatch(HeaderValues.VALUE);

    static final ListSchema HEADER_MATCHES = headerMatches(HEADER_MATCH);

    /** A header match whose value follows {@code value} (GRPCHeaderMatch has no value pattern). */
    static Schema headerMatch(Schema value) {
        return object()
                .optional("type", string().oneOf("Exact", "RegularExpression"))
                .required("name", string().length(1, 256).pattern(Patterns.HEADER_NAME))
                .required("value", value)
                .rule(HttpRouteRules::regexCompiles);
    }

    /** At most 16 header matches, a list-map keyed by name. */
    static ListSchema headerMatches(Schema match) {
        return listOf(match).size(0, 16).uniqueBy("header name", item -> ((Map<?, ?>) item).get("name"));
    }

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

    /** Open, as every object of core's kinds: core's decoder reports unknown fields. */
    static final ListSchema PARENT_REFS = ParentRefs.list(ParentRefs.REF);

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

    /** The filters list of a route kind whose filters may be of the given types. */
    static ListSchema filters(String... types) {
        ObjectSchema filter = object().required("type", string().oneOf(types));
        for (String type : types) {
            filter = filter.optional(FilterFields.BY_TYPE.get(type), FilterSchemas.BY_TYPE.get(type));
        }
        filter = filter.rule(HttpRouteRules::filterFieldMatchesType);
        return listOf(filter).size(0, 16).rule(HttpRouteRules::filtersCompatible);
    }

    /** A rule of an HTTP-like route kind (HTTPRoute, GRPCRoute): name, matches, filters, backendRefs with filters. */
    static ObjectSchema routeRule(Schema match, int maxMatches, ListSchema filters) {
        Schema backendRef = BackendRefs.WEIGHTED
                .optional("filters", filters)
                .rule(BackendRefs::servicePortRequired);
        return object()
                .optional("name", RouteSpecFields.RULE_NAME)
                .optional("matches", listOf(match).size(0, maxMatches))
                .optional("filters", filters)
                .optional("backendRefs", listOf(backendRef).size(0, 16))
                .optional("sessionPersistence", RuleSettings.SESSION_PERSISTENCE);
    }

    /**
     * The spec of an HTTP-like route kind with the given rule schema, at least {@code minRules} rules, and rules without
     * {@code matches} counted as {@code absentMatches} matches (the CRD's default) in the 128-match bound.
     */
    static Schema routeSpec(Schema rule, int minRules, int absentMatches) {
        return object()
                .optional("parentRefs", PARENT_REFS)
                .optional("hostnames", RouteSpecFields.HOSTNAMES)
                .optional("useDefaultGateways", RouteSpecFields.USE_DEFAULT_GATEWAYS)
                .optional("rules", listOf(rule).size(minRules, 16)
                        .rule(HttpRouteRules.totalMatchesBounded(absentMatches))
                        .unique(RouteSpecFields.RULE_NAME_UNIQUE, RouteSpecFields::ruleName));
    }

    private GatewayApiSchemas() {}
}
