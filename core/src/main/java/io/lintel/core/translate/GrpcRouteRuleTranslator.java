package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a GRPCRoute's rules (matches, filters, backends) into the same rule shape as an HTTPRoute's, once,
 * whatever parents it attaches to. A gRPC call is an HTTP/2 POST to {@code /<service>/<method>}, so method matches
 * become path matches ({@link GrpcMethodPaths}) and header matches stay header matches.
 *
 * <p>Backends are spoken to in HTTP/2 cleartext (the {@code kubernetes.io/h2c} protocol plugin) when their Service
 * port has no {@code appProtocol} (or {@code http}), as Envoy Gateway does: gRPC needs HTTP/2 end to end. Without
 * that plugin such a backendRef is invalid ({@code ResolvedRefs=False UnsupportedProtocol}) rather than spoken to in
 * HTTP/1.1, which no gRPC server understands ({@link BackendResolver} decides this for the kind GRPCRoute).
 */
final class GrpcRouteRuleTranslator {

    private static final RouteRules.Match DEFAULT_MATCH =
            new RouteRules.Match(0, IrPathMatch.MATCH_ALL, List.of(), List.of(), Optional.empty());

    private final BackendResolver backends;
    private final FilterTranslator filters;

    GrpcRouteRuleTranslator(BackendResolver backends, FilterTranslator filters) {
        this.backends = backends;
        this.filters = filters;
    }

    RouteRules translate(DecodedResource<GRPCRoute> route) {
        ResourceKey key = route.document().key();
        String ns = ResourceIndex.namespaceOf(route.document());
        String prefix = "grpcroute/" + ns + "/" + key.name() + "/rule/";
        List<?> rawRules = rawList(rawSpec(route).get("rules"));
        List<GRPCRouteRule> rules = route.object().getSpec().getRules();
        List<RouteRules.Rule> out = new ArrayList<>();
        List<RouteRules.Problem> unresolved = new ArrayList<>();
        RouteRules.Problem filterFailure = null;
        if (rules.isEmpty()) {
            // nothing to forward to: every call is answered by the gateway (a gRPC status for HTTP 500)
            out.add(new RouteRules.Rule(0, new IrRule(prefix + 0, Optional.empty(), List.of(), List.of(), 500),
                    List.of(DEFAULT_MATCH)));
        }
        for (int i = 0; i < rules.size(); i++) {
            GRPCRouteRule rule = rules.get(i);
            Map<?, ?> rawRule = (Map<?, ?>) rawRules.get(i);
            String rulePath = "spec.rules[" + i + "]";
            String named = rule.getName() == null ? "" : "rule \"" + rule.getName() + "\": ";
            FilterTranslator.Outcome listed = filters.ruleFields(key, rawRule, rulePath)
                    .then(filters.filters(key, rawRule.get("filters"), rulePath + ".filters"));
            RouteRules.Problem failure = listed.failure().map(p -> named(named, p)).orElse(null);
            listed.unresolved().forEach(p -> unresolved.add(named(named, p)));
            List<IrFilter> ruleFilters = new ArrayList<>(listed.filters());

            List<IrBackend> ruleBackends = new ArrayList<>();
            List<?> rawRefs = rawList(rawRule.get("backendRefs"));
            for (int b = 0; b < rule.getBackendRefs().size(); b++) {
                GRPCBackendRef ref = rule.getBackendRefs().get(b);
                String refPath = rulePath + ".backendRefs[" + b + "]";
                FilterTranslator.Outcome refFilters =
                        filters.filters(key, ((Map<?, ?>) rawRefs.get(b)).get("filters"), refPath + ".filters");
                refFilters.unresolved().forEach(p -> unresolved.add(named(named, p)));
                BackendResolver.Resolution resolution = backends.resolve(ns, ref, refPath, refFilters.filters());
                if (!resolution.valid()) {
                    unresolved.add(new RouteRules.Problem(resolution.reason(), named + resolution.message()));
                }
                IrBackend backend = resolution.backend();
                if (refFilters.failed()) {
                    RouteRules.Problem problem = named(named, refFilters.failure().get());
                    if (refFilters.failureIsReference()) {
                        unresolved.add(problem);
                    } else if (filterFailure == null) {
                        filterFailure = problem;
                    }
                    backend = new IrBackend(backend.name(), backend.weight(), backend.appProtocol(), List.of(), 500,
                            List.of());
                }
                ruleBackends.add(backend);
            }
            int status = 0;
            if (failure != null) {
                status = 500;
                ruleFilters.clear();
                if (listed.failureIsReference()) {
                    unresolved.add(failure);
                } else if (filterFailure == null) {
                    filterFailure = failure;
                }
            } else if (ruleBackends.isEmpty() || ruleBackends.stream().mapToInt(IrBackend::weight).sum() == 0) {
                status = 500;
            }
            IrRule ir = new IrRule(prefix + i, Optional.ofNullable(rule.getName()), ruleFilters, ruleBackends, status);
            out.add(new RouteRules.Rule(i, ir, matches(rule)));
        }
        Optional<RouteRules.Problem> unresolvedSummary = unresolved.isEmpty() ? Optional.empty()
                : Optional.of(new RouteRules.Problem(unresolved.get(0).reason(),
                        String.join("; ", unresolved.stream().map(RouteRules.Problem::message).toList())));
        return new RouteRules(out, unresolvedSummary, Optional.ofNullable(filterFailure));
    }

    private static List<RouteRules.Match> matches(GRPCRouteRule rule) {
        if (rule.getMatches().isEmpty()) {
            return List.of(DEFAULT_MATCH);
        }
        List<RouteRules.Match> out = new ArrayList<>();
        for (int j = 0; j < rule.getMatches().size(); j++) {
            GRPCRouteMatch m = rule.getMatches().get(j);
            List<IrHeaderMatch> headers = new ArrayList<>();
            for (GRPCHeaderMatch h : m.getHeaders()) {
                IrValueMatchType type = "RegularExpression".equals(h.getType())
                        ? IrValueMatchType.REGULAR_EXPRESSION : IrValueMatchType.EXACT;
                headers.add(new IrHeaderMatch(type, h.getName(), h.getValue()));
            }
            out.add(new RouteRules.Match(j, GrpcMethodPaths.of(m.getMethod()), headers, List.of(), Optional.empty()));
        }
        return out;
    }

    private static Map<?, ?> rawSpec(DecodedResource<GRPCRoute> route) {
        return route.document().content().get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
    }

    private static List<?> rawList(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static RouteRules.Problem named(String prefix, RouteRules.Problem problem) {
        return prefix.isEmpty() ? problem : new RouteRules.Problem(problem.reason(), prefix + problem.message());
    }
}
