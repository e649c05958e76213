package io.lintel.core.translate;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule translation HTTPRoute and the HTTP-family kinds of plugins (GRPCRoute) share: rule and backendRef filters, backendRef resolution, weights,
 * the status a rule answers with when it cannot forward, and rule names in problems (GEP-995). What differs between the
 * kinds (their match types, their backendRef classes) comes from a {@link Kind}.
 */
final class RouteRulesTranslation {

    /** The match every request satisfies: what a rule without matches (or a route without rules) has. */
    static final RouteRules.Match DEFAULT_MATCH =
            new RouteRules.Match(0, IrPathMatch.MATCH_ALL, List.of(), List.of(), Optional.empty());

    /**
     * What one route kind contributes to its rules' translation.
     *
     * @param <R> the kind's rule class
     */
    interface Kind<R> {

        /** The rule's {@code name}, or null. */
        String name(R rule);

        /** How many {@code backendRefs} the rule lists. */
        int backendRefCount(R rule);

        /** Resolves the rule's {@code backendRefs[index]} (at {@code fieldPath}) with its filters. */
        BackendResolver.Resolution resolve(String routeNamespace, R rule, int index, String fieldPath,
                List<IrFilter> filters);

        /** The rule's matches as the data plane runs them ({@link #DEFAULT_MATCH} when it has none). */
        List<RouteRules.Match> matches(R rule);

        /**
         * Whether a rule with filters but no backendRefs answers by itself (an HTTPRoute redirect) rather than with 500.
         */
        boolean filtersAnswerWithoutBackends();

        /**
         * The rule's {@code filters}, filter-like fields ({@code timeouts}, {@code retry}),
         * {@code sessionPersistence} and backendRefs' {@code filters} in the document's shape, as the filter
         * translation reads them; by default the document's own rule ({@code documentRule}).
         */
        default Map<?, ?> rawRule(R rule, Object documentRule) {
            return (Map<?, ?>) documentRule;
        }
    }

    private final FilterTranslator filters;

    RouteRulesTranslation(FilterTranslator filters) {
        this.filters = filters;
    }

    /**
     * Translates the route's rules; rule IRs are named {@code <idKind>/<namespace>/<name>/rule/<i>}.
     *
     * @param rules the decoded {@code spec.rules}, in the order of the raw document's
     */
    <R> RouteRules translate(DecodedResource<?> route, String idKind, List<R> rules, Kind<R> kind) {
        ResourceKey key = route.document().key();
        String ns = ResourceIndex.namespaceOf(route.document());
        String prefix = idKind + "/" + ns + "/" + key.name() + "/rule/";
        List<?> rawRules = rawList(rawSpec(route).get("rules"));
        List<RouteRules.Rule> out = new ArrayList<>();
        List<RouteRules.Problem> unresolved = new ArrayList<>();
        RouteRules.Problem filterFailure = null;
        if (rules.isEmpty()) {
            // The CRD defaults rules to one rule with the default match; with nothing to forward to it answers 500
            // (a gRPC status for HTTP 500 on a gRPC call).
            out.add(new RouteRules.Rule(0, new IrRule(prefix + 0, Optional.empty(), List.of(), List.of(), 500),
                    List.of(DEFAULT_MATCH)));
        }
        for (int i = 0; i < rules.size(); i++) {
            R rule = rules.get(i);
            Map<?, ?> rawRule = kind.rawRule(rule, i < rawRules.size() ? rawRules.get(i) : null);
            String rulePath = "spec.rules[" + i + "]";
            String named = kind.name(rule) == null ? "" : "rule \"" + kind.name(rule) + "\": ";
            // policies first: they guard the route as the client sent the request (docs/plugins.md, "Policy plugins")
            FilterTranslator.Outcome listed = filters.policies(key, kind.name(rule))
                    .then(filters.ruleFields(key, rawRule, rulePath))
                    .then(filters.filters(key, rawRule.get("filters"), rulePath + ".filters"));
            RouteRules.Problem failure = listed.failure().map(p -> named(named, p)).orElse(null);
            SessionPersistenceRules.Outcome session = SessionPersistenceRules.translate(
                    rawRule.get("sessionPersistence"), rulePath + ".sessionPersistence");
            if (failure == null && session.problem().isPresent()) {
                failure = named(named, session.problem().get());
            }
            listed.unresolved().forEach(p -> unresolved.add(named(named, p)));
            List<IrFilter> ruleFilters = new ArrayList<>(listed.filters());

            List<IrBackend> ruleBackends = new ArrayList<>();
            List<?> rawRefs = rawList(rawRule.get("backendRefs"));
            for (int b = 0; b < kind.backendRefCount(rule); b++) {
                String refPath = rulePath + ".backendRefs[" + b + "]";
                FilterTranslator.Outcome refFilters =
                        filters.filters(key, ((Map<?, ?>) rawRefs.get(b)).get("filters"), refPath + ".filters");
                refFilters.unresolved().forEach(p -> unresolved.add(named(named, p)));
                BackendResolver.Resolution resolution = kind.resolve(ns, rule, b, refPath, refFilters.filters());
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
                if (listed.failureIsReference() && listed.failed()) {
                    unresolved.add(failure);
                } else if (filterFailure == null) {
                    filterFailure = failure;
                }
            } else if (ruleBackends.isEmpty()) {
                if (ruleFilters.isEmpty() || !kind.filtersAnswerWithoutBackends()) {
                    status = 500;
                }
            } else if (ruleBackends.stream().mapToInt(IrBackend::weight).sum() == 0) {
                status = 500;
            }
            IrRule ir = new IrRule(prefix + i, Optional.ofNullable(kind.name(rule)), ruleFilters, ruleBackends,
                    status, status == 0 ? session.value() : Optional.empty());
            out.add(new RouteRules.Rule(i, ir, kind.matches(rule)));
        }
        Optional<RouteRules.Problem> unresolvedSummary = unresolved.isEmpty() ? Optional.empty()
                : Optional.of(new RouteRules.Problem(unresolved.get(0).reason(),
                        String.join("; ", unresolved.stream().map(RouteRules.Problem::message).toList())));
        return new RouteRules(out, unresolvedSummary, Optional.ofNullable(filterFailure));
    }

    private static Map<?, ?> rawSpec(DecodedResource<?> route) {
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
