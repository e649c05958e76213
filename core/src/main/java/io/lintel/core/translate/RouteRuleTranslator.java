package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.translate.decode.DecodedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Translates an HTTPRoute's rules (matches, filters, backends) once, whatever parents it attaches to. */
final class RouteRuleTranslator implements RouteRulesTranslation.Kind<HTTPRouteRule> {

    private final BackendResolver backends;
    private final RouteRulesTranslation rules;

    RouteRuleTranslator(BackendResolver backends, FilterTranslator filters) {
        this.backends = backends;
        this.rules = new RouteRulesTranslation(filters);
    }

    RouteRules translate(DecodedResource<HTTPRoute> route) {
        return rules.translate(route, "httproute", route.object().getSpec().getRules(), this);
    }

    @Override
    public String name(HTTPRouteRule rule) {
        return rule.getName();
    }

    @Override
    public int backendRefCount(HTTPRouteRule rule) {
        return rule.getBackendRefs().size();
    }

    @Override
    public BackendResolver.Resolution resolve(String routeNamespace, HTTPRouteRule rule, int index, String fieldPath,
            List<IrFilter> filters) {
        return backends.resolve(routeNamespace, rule.getBackendRefs().get(index), fieldPath, filters);
    }

    /** A rule with only filters (a redirect, say) answers by itself. */
    @Override
    public boolean filtersAnswerWithoutBackends() {
        return true;
    }

    @Override
    public List<RouteRules.Match> matches(HTTPRouteRule rule) {
        if (rule.getMatches().isEmpty()) {
            return List.of(RouteRulesTranslation.DEFAULT_MATCH);
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
}
