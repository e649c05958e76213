package io.lintel.core.translate.validate;

import static io.lintel.core.translate.validate.Fields.GROUP;
import static io.lintel.core.translate.validate.Fields.HOSTNAME;
import static io.lintel.core.translate.validate.Fields.KIND;
import static io.lintel.core.translate.validate.Fields.NAMESPACE;
import static io.lintel.core.translate.validate.Fields.PORT;
import static io.lintel.core.translate.validate.Fields.SECTION_NAME;
import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import java.util.Map;

/**
 * The schemas (types, required fields, enumerations, patterns, lengths, list sizes) of the Gateway API v1.2 kinds
 * the translator serves, as data; the cross-field CEL rules are in {@link GatewayRules} and {@link HttpRouteRules}.
 * GRPCRoute's own parts are in {@link GrpcRouteSchemas}.
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

    /** The CEL message on a route's rules when two share a name. */
    static final String RULE_NAME_UNIQUE = "Rule name must be unique within the route";

    /** A rule's {@code name} (GEP-995). */
    static final Schema RULE_NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);

    /** A BackendObjectReference with a weight: the fields every route kind's backendRef starts with. */
    static final ObjectSchema WEIGHTED_BACKEND_OBJECT_REF = FilterSchemas.BACKEND_OBJECT_REF
            .optional("weight", range(0, 1_000_000));

    static final Schema ROUTE_RULE = routeRule(ROUTE_MATCH, 64, FILTERS)
            .optional("timeouts", RuleSettings.TIMEOUTS)
            .optional("retry", RuleSettings.RETRY)
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

    /** A route's {@code useDefaultGateways} (GEP-3793). */
    static final Schema USE_DEFAULT_GATEWAYS = string().oneOf("All", "None");

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
                    .optional("name", string().length(1, 253))).size(1, 16));

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
        Schema backendRef = WEIGHTED_BACKEND_OBJECT_REF
                .optional("filters", filters)
                .rule(HttpRouteRules::servicePortRequired);
        return object()
                .optional("name", RULE_NAME)
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
                .optional("hostnames", HOSTNAMES)
                .optional("useDefaultGateways", USE_DEFAULT_GATEWAYS)
                .optional("rules", listOf(rule).size(minRules, 16)
                        .rule(HttpRouteRules.totalMatchesBounded(absentMatches))
                        .unique(RULE_NAME_UNIQUE, GatewayApiSchemas::ruleName));
    }

    static Object ruleName(Object rule) {
        return ((Map<?, ?>) rule).get("name");
    }

    private GatewayApiSchemas() {}
}
