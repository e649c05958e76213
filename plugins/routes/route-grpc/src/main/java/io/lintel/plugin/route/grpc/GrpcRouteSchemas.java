package io.lintel.plugin.route.grpc;

import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;
import static io.lintel.schema.httproute.HttpRouteSchemas.filters;
import static io.lintel.schema.httproute.HttpRouteSchemas.headerMatch;
import static io.lintel.schema.httproute.HttpRouteSchemas.headerMatches;
import static io.lintel.schema.httproute.HttpRouteSchemas.routeRule;
import static io.lintel.schema.httproute.HttpRouteSchemas.routeSpec;

import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;

/**
 * The schema of {@code gateway.networking.k8s.io/v1} GRPCRoute (Gateway API v1.2 CRD, plus the rule {@code name} of
 * GEP-995) as data; its CEL rules are in {@link GrpcRouteRules}, those it shares with HTTPRoute in
 * {@code io.lintel.schema.httproute}. The shared parts are written open, for core's decoder; {@link GrpcRouteKind}
 * checks with every object closed, as no typed model decodes a GRPCRoute.
 */
final class GrpcRouteSchemas {

    static final Schema METHOD_MATCH = object()
            .optional("type", string().oneOf("Exact", "RegularExpression"))
            .optional("service", string().length(0, 1024))
            .optional("method", string().length(0, 1024))
            .rule(GrpcRouteRules::serviceOrMethod)
            .rule(GrpcRouteRules::exactValuesValid)
            .rule(GrpcRouteRules::regexCompiles);

    static final Schema ROUTE_MATCH = object()
            .optional("method", METHOD_MATCH)
            // GRPCHeaderMatch.value: 1-4096 characters, no pattern (unlike HTTPHeaderMatch)
            .optional("headers", headerMatches(headerMatch(string().length(1, 4096))));

    static final ListSchema FILTERS = filters("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror",
            "ExtensionRef");

    /** GRPCRoute: {@code spec.rules} has 0-16 items. */
    static final ObjectSchema SPEC = routeSpec(routeRule(ROUTE_MATCH, 8, FILTERS), 0, 0);

    private GrpcRouteSchemas() {}
}
