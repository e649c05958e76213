package io.lintel.plugin.route.grpc;

import static io.lintel.plugin.route.support.StreamRoutes.list;
import static io.lintel.plugin.route.support.StreamRoutes.map;

import io.lintel.plugin.route.support.StreamRoutes;
import io.lintel.spi.kind.HttpBackendRef;
import io.lintel.spi.kind.HttpRoute;
import io.lintel.spi.kind.HttpRouteMatch;
import io.lintel.spi.kind.HttpRouteRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a valid GRPCRoute document into an {@link HttpRoute}: parentRefs and hostnames as every route kind's, each
 * match's method as a request path ({@link GrpcMethodPaths}) and its headers as header matches, filters as the
 * document spells them, backendRefs with the CRD's defaults and their filters, and the rule's
 * {@code sessionPersistence}. Only call it on a document {@link GrpcRouteKind#validate} accepted.
 */
final class GrpcRoutes {

    private GrpcRoutes() {}

    static HttpRoute read(Map<String, Object> document) {
        Map<?, ?> spec = map(document.get("spec"));
        List<HttpRouteRule> rules = new ArrayList<>();
        for (Object item : list(spec.get("rules"))) {
            rules.add(rule(map(item)));
        }
        return new HttpRoute(StreamRoutes.parentRefs(spec), StreamRoutes.hostnames(spec), rules);
    }

    private static HttpRouteRule rule(Map<?, ?> rule) {
        List<HttpRouteMatch> matches = new ArrayList<>();
        for (Object item : list(rule.get("matches"))) {
            Map<?, ?> match = map(item);
            List<HttpRouteMatch.ValueMatch> headers = new ArrayList<>();
            for (Object header : list(match.get("headers"))) {
                Map<?, ?> h = map(header);
                headers.add(new HttpRouteMatch.ValueMatch("RegularExpression".equals(h.get("type")),
                        (String) h.get("name"), (String) h.get("value")));
            }
            Map<?, ?> method = match.get("method") instanceof Map<?, ?> m ? m : null;
            matches.add(new HttpRouteMatch(GrpcMethodPaths.of(method), headers, List.of(), Optional.empty()));
        }
        List<HttpBackendRef> backendRefs = new ArrayList<>();
        for (Object item : list(rule.get("backendRefs"))) {
            Map<?, ?> ref = map(item);
            backendRefs.add(new HttpBackendRef(StreamRoutes.backendRef(ref), filters(ref)));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (rule.get("sessionPersistence") != null) {
            settings.put("sessionPersistence", rule.get("sessionPersistence"));
        }
        return new HttpRouteRule(StreamRoutes.optionalString(rule, "name"), matches, filters(rule), backendRefs,
                settings);
    }

    /** The {@code filters} of a rule or backendRef, as parsed. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> filters(Map<?, ?> owner) {
        List<Map<String, Object>> filters = new ArrayList<>();
        for (Object filter : list(owner.get("filters"))) {
            filters.add((Map<String, Object>) filter);
        }
        return filters;
    }
}
