package io.lintel.schema.httproute;

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
 * The parts the route kinds of the HTTP family (HTTPRoute in core, GRPCRoute in its plugin) share, as the Gateway API
 * v1.6 experimental CRDs define them: header matches, filter lists of the types a kind allows, rules (name, matches,
 * filters, weighted backendRefs with filters, session persistence) and the spec around them.
 */
public final class HttpRouteSchemas {

    /** A route's {@code parentRefs}, open (core's decoder reports unknown fields of its own kinds). */
    public static final ListSchema PARENT_REFS = ParentRefs.list(ParentRefs.REF);

    /** A header match whose value follows {@code value} (GRPCHeaderMatch has no value pattern, HTTPHeaderMatch has). */
    public static Schema headerMatch(Schema value) {
        return object()
                .optional("type", string().oneOf("Exact", "RegularExpression"))
                .required("name", string().length(1, 256).pattern(Patterns.HEADER_NAME))
                .required("value", value)
                .rule(HttpRouteRules::regexCompiles);
    }

    /** At most 16 header matches, a list-map keyed by name. */
    public static ListSchema headerMatches(Schema match) {
        return listOf(match).size(0, 16).uniqueBy("header name", item -> ((Map<?, ?>) item).get("name"));
    }

    /** The filters list of a route kind whose filters may be of the given types. */
    public static ListSchema filters(String... types) {
        ObjectSchema filter = object().required("type", string().oneOf(types));
        for (String type : types) {
            filter = filter.optional(FilterFields.BY_TYPE.get(type), FilterSchemas.BY_TYPE.get(type));
        }
        filter = filter.rule(HttpRouteRules::filterFieldMatchesType);
        return listOf(filter).size(0, 16).rule(HttpRouteRules::filtersCompatible);
    }

    /** A rule of an HTTP-like route kind (HTTPRoute, GRPCRoute): name, matches, filters, backendRefs with filters. */
    public static ObjectSchema routeRule(Schema match, int maxMatches, ListSchema filters) {
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
    public static ObjectSchema routeSpec(Schema rule, int minRules, int absentMatches) {
        return object()
                .optional("parentRefs", PARENT_REFS)
                .optional("hostnames", RouteSpecFields.HOSTNAMES)
                .optional("useDefaultGateways", RouteSpecFields.USE_DEFAULT_GATEWAYS)
                .optional("rules", listOf(rule).size(minRules, 16)
                        .rule(HttpRouteRules.totalMatchesBounded(absentMatches))
                        .unique(RouteSpecFields.RULE_NAME_UNIQUE, RouteSpecFields::ruleName));
    }

    private HttpRouteSchemas() {}
}
