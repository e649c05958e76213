package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Translates an HTTPRoute's rules (matches, filters, backends) once, whatever parents it attaches to. */
final class RouteRuleTranslator {

    private static final RouteRules.Match DEFAULT_MATCH =
            new RouteRules.Match(0, IrPathMatch.MATCH_ALL, List.of(), List.of(), Optional.empty());

    private final BackendResolver backends;
    private final FilterTranslator filters;

    RouteRuleTranslator(BackendResolver backends, FilterTranslator filters) {
        this.backends = backends;
        this.filters = filters;
    }

    RouteRules translate(DecodedResource<HTTPRoute> route) {
        ResourceKey key = route.document().key();
        String ns = ResourceIndex.namespaceOf(route.document());
        String prefix = "httproute/" + ns + "/" + key.name() + "/rule/";
        List<?> rawRules = rawList(rawSpec(route).get("rules"));
        List<HTTPRouteRule> rules = route.object().getSpec().getRules();
        List<RouteRules.Rule> out = new ArrayList<>();
        List<RouteRules.Problem> unresolved = new ArrayList<>();
        RouteRules.Problem filterFailure = null;
        if (rules.isEmpty()) {
            // The CRD defaults rules to one rule with the default match; with nothing to forward to it answers 500.
            out.add(new RouteRules.Rule(0, new IrRule(prefix + 0, Optional.empty(), List.of(), List.of(), 500),
                    List.of(DEFAULT_MATCH)));
        }
        for (int i = 0; i < rules.size(); i++) {
            HTTPRouteRule rule = rules.get(i);
            Map<?, ?> rawRule = (Map<?, ?>) rawRules.get(i);
            String rulePath = "spec.rules[" + i + "]";
            String named = rule.getName() == null ? "" : "rule \"" + rule.getName() + "\": ";
            FilterTranslator.Outcome listed = filters.ruleFields(key, rawRule, rulePath)
                    .then(filters.filters(key, rawRule.get("filters"), rulePath + ".filters"));
            RouteRules.Problem failure = listed.failure().map(p -> named(named, p)).orElse(null);
            boolean failureIsReference = listed.failureIsReference();
            listed.unresolved().forEach(p -> unresolved.add(named(named, p)));
            List<IrFilter> ruleFilters = new ArrayList<>(listed.filters());

            List<IrBackend> ruleBackends = new ArrayList<>();
            List<?> rawRefs = rawList(rawRule.get("backendRefs"));
            for (int b = 0; b < rule.getBackendRefs().size(); b++) {
                HTTPBackendRef ref = rule.getBackendRefs().get(b);
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
                    // Only the requests that would go to this backend run its filters, so only they answer 500.
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
                if (failureIsReference) {
                    unresolved.add(failure);
                } else if (filterFailure == null) {
                    filterFailure = failure;
                }
            } else if (ruleBackends.isEmpty() && ruleFilters.isEmpty()) {
                status = 500;
            } else if (!ruleBackends.isEmpty() && ruleBackends.stream().mapToInt(IrBackend::weight).sum() == 0) {
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

    private static List<RouteRules.Match> matches(HTTPRouteRule rule) {
        if (rule.getMatches().isEmpty()) {
            return List.of(DEFAULT_MATCH);
        }
        List<RouteRules.Match> out = new ArrayList<>();
        for (int j = 0; j < rule.getMatches().size(); j++) {
            HTTPRouteMatch m = rule.getMatches().get(j);
            List<IrHeaderMatch> headers = new ArrayList<>();
            for (HTTPHeaderMatch h : m.getHeaders()) {
                headers.add(new IrHeaderMatch(valueType(h.getType()), h.getName(), h.getValue()));
            }
            List<IrQueryParamMatch> queries = new ArrayList<>();
            for (HTTPQueryParamMatch q : m.getQueryParams()) {
                queries.add(new IrQueryParamMatch(valueType(q.getType()), q.getName(), q.getValue()));
            }
            out.add(new RouteRules.Match(j, path(m.getPath()), headers, queries, Optional.ofNullable(m.getMethod())));
        }
        return out;
    }

    static IrPathMatch path(HTTPPathMatch path) {
        if (path == null) {
            return IrPathMatch.MATCH_ALL;
        }
        String value = Objects.requireNonNullElse(path.getValue(), "/");
        return switch (Objects.requireNonNullElse(path.getType(), "PathPrefix")) {
            case "Exact" -> new IrPathMatch(IrPathMatch.Type.EXACT, value);
            case "RegularExpression" -> new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, value);
            default -> new IrPathMatch(IrPathMatch.Type.PREFIX, normalisePrefix(value));
        };
    }

    /** {@code /foo/} and {@code /foo} match the same paths; keep one spelling (but {@code /} stays). */
    static String normalisePrefix(String value) {
        String v = value;
        while (v.length() > 1 && v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    private static IrValueMatchType valueType(String type) {
        return "RegularExpression".equals(type) ? IrValueMatchType.REGULAR_EXPRESSION : IrValueMatchType.EXACT;
    }

    private static Map<?, ?> rawSpec(DecodedResource<HTTPRoute> route) {
        return route.document().content().get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
    }

    private static List<?> rawList(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** The problem with the rule's name in front, when the rule has one (GEP-995: names in status messages). */
    private static RouteRules.Problem named(String prefix, RouteRules.Problem problem) {
        return prefix.isEmpty() ? problem : new RouteRules.Problem(problem.reason(), prefix + problem.message());
    }
}
