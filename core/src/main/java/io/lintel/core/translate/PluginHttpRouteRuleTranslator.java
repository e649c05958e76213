package io.lintel.core.translate;

import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.HttpRouteObject;
import io.lintel.spi.kind.HttpBackendRef;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.HttpRouteMatch;
import io.lintel.spi.kind.HttpRouteRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates the rules of a route of an HTTP-family kind a plugin reads ({@link HttpRouteKind}, e.g. GRPCRoute) into
 * the same rule shape as an HTTPRoute's, once, whatever parents it attaches to: the plugin has described its matches
 * in HTTP terms (a gRPC method as a request path) and handed on its filters as the document spells them.
 *
 * <p>Backends are spoken to with the kind's {@link HttpRouteKind#defaultBackendProtocol() default protocol} when their
 * Service port names none ({@link BackendResolver} decides this by the route's kind).
 */
final class PluginHttpRouteRuleTranslator {

    private final BackendResolver backends;
    private final RouteRulesTranslation rules;

    PluginHttpRouteRuleTranslator(BackendResolver backends, FilterTranslator filters) {
        this.backends = backends;
        this.rules = new RouteRulesTranslation(filters);
    }

    RouteRules translate(DecodedResource<HttpRouteObject> route) {
        HttpRouteObject object = route.object();
        return rules.translate(route, object.getKind().toLowerCase(Locale.ROOT), object.route().rules(),
                new Kind(object.getKind(), object.routeKind(), backends));
    }

    /** What a plugin's kind contributes to the shared rule translation. */
    private record Kind(String routeKind, HttpRouteKind kind, BackendResolver backends)
            implements RouteRulesTranslation.Kind<HttpRouteRule> {

        @Override
        public String name(HttpRouteRule rule) {
            return rule.name().orElse(null);
        }

        @Override
        public int backendRefCount(HttpRouteRule rule) {
            return rule.backendRefs().size();
        }

        @Override
        public BackendResolver.Resolution resolve(String routeNamespace, HttpRouteRule rule, int index,
                String fieldPath, List<IrFilter> filters) {
            return backends.resolve(routeKind, routeNamespace, rule.backendRefs().get(index).ref(), fieldPath,
                    filters);
        }

        @Override
        public boolean filtersAnswerWithoutBackends() {
            return kind.filtersAnswerWithoutBackends();
        }

        @Override
        public List<RouteRules.Match> matches(HttpRouteRule rule) {
            if (rule.matches().isEmpty()) {
                return List.of(RouteRulesTranslation.DEFAULT_MATCH);
            }
            List<RouteRules.Match> out = new ArrayList<>();
            for (int j = 0; j < rule.matches().size(); j++) {
                HttpRouteMatch m = rule.matches().get(j);
                List<IrHeaderMatch> headers = new ArrayList<>();
                for (HttpRouteMatch.ValueMatch h : m.headers()) {
                    headers.add(new IrHeaderMatch(valueType(h), h.name(), h.value()));
                }
                List<IrQueryParamMatch> queries = new ArrayList<>();
                for (HttpRouteMatch.ValueMatch q : m.queryParams()) {
                    queries.add(new IrQueryParamMatch(valueType(q), q.name(), q.value()));
                }
                out.add(new RouteRules.Match(j, path(m.path()), headers, queries, m.method()));
            }
            return out;
        }

        /** The rule as the filter translation reads a document's: filters, settings, backendRefs' filters. */
        @Override
        public Map<?, ?> rawRule(HttpRouteRule rule, Object documentRule) {
            Map<String, Object> raw = new LinkedHashMap<>(rule.settings());
            raw.put("filters", rule.filters());
            List<Map<String, Object>> refs = new ArrayList<>();
            for (HttpBackendRef ref : rule.backendRefs()) {
                refs.add(Map.of("filters", ref.filters()));
            }
            raw.put("backendRefs", refs);
            return raw;
        }

        /** The path as described: a plugin's prefixes are taken as they are (an HTTPRoute's are normalised). */
        private static IrPathMatch path(HttpRouteMatch.PathMatch path) {
            return new IrPathMatch(switch (path.type()) {
                case EXACT -> IrPathMatch.Type.EXACT;
                case PREFIX -> IrPathMatch.Type.PREFIX;
                case REGULAR_EXPRESSION -> IrPathMatch.Type.REGULAR_EXPRESSION;
            }, path.value());
        }

        private static IrValueMatchType valueType(HttpRouteMatch.ValueMatch match) {
            return match.regularExpression() ? IrValueMatchType.REGULAR_EXPRESSION : IrValueMatchType.EXACT;
        }
    }
}
