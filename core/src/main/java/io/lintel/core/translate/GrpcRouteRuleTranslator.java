package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.translate.decode.DecodedResource;
import java.util.ArrayList;
import java.util.List;
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
final class GrpcRouteRuleTranslator implements RouteRulesTranslation.Kind<GRPCRouteRule> {

    private final BackendResolver backends;
    private final RouteRulesTranslation rules;

    GrpcRouteRuleTranslator(BackendResolver backends, FilterTranslator filters) {
        this.backends = backends;
        this.rules = new RouteRulesTranslation(filters);
    }

    RouteRules translate(DecodedResource<GRPCRoute> route) {
        return rules.translate(route, "grpcroute", route.object().getSpec().getRules(), this);
    }

    @Override
    public String name(GRPCRouteRule rule) {
        return rule.getName();
    }

    @Override
    public int backendRefCount(GRPCRouteRule rule) {
        return rule.getBackendRefs().size();
    }

    @Override
    public BackendResolver.Resolution resolve(String routeNamespace, GRPCRouteRule rule, int index, String fieldPath,
            List<IrFilter> filters) {
        return backends.resolve(routeNamespace, rule.getBackendRefs().get(index), fieldPath, filters);
    }

    /** Every gRPC call needs a backend: filters alone cannot answer one. */
    @Override
    public boolean filtersAnswerWithoutBackends() {
        return false;
    }

    @Override
    public List<RouteRules.Match> matches(GRPCRouteRule rule) {
        if (rule.getMatches().isEmpty()) {
            return List.of(RouteRulesTranslation.DEFAULT_MATCH);
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
}
