package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRouteRule;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.translate.decode.DecodedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the backendRefs of a route that relays whole connections (TLSRoute, TCPRoute) or datagrams (UDPRoute), all rules together: such a
 * route has no matches, so its connections are spread over every backend by weight. An invalid reference stays in
 * the list as a backend that closes the connections that pick it, so that its valid siblings keep their share, as
 * for HTTPRoutes.
 */
final class StreamRouteTranslator {

    /**
     * A route's backends and what was wrong with them.
     *
     * @param backends in the order of the rules and their backendRefs
     * @param unresolved why some backendRef is invalid (ResolvedRefs=False), or empty
     */
    record StreamRouteBackends(List<IrBackend> backends, Optional<RouteRules.Problem> unresolved) {

        StreamRouteBackends {
            backends = List.copyOf(requireNonNull(backends, "backends"));
            requireNonNull(unresolved, "unresolved");
        }

        /** The shape {@link RouteParents} reports conditions from: no rules, no filters. */
        RouteRules asRouteRules() {
            return new RouteRules(List.of(), unresolved, Optional.empty());
        }
    }

    private final BackendResolver backends;

    StreamRouteTranslator(BackendResolver backends) {
        this.backends = requireNonNull(backends, "backends");
    }

    StreamRouteBackends translate(DecodedResource<TLSRoute> route) {
        return translate(route, route.object().getSpec().getRules().stream().map(TLSRouteRule::getBackendRefs).toList());
    }

    StreamRouteBackends translateTcp(DecodedResource<TCPRoute> route) {
        return translate(route, route.object().getSpec().getRules().stream().map(TCPRouteRule::getBackendRefs).toList());
    }

    /** A UDPRoute: as a TCPRoute, its datagrams are spread over every backend by weight (one pick per flow). */
    StreamRouteBackends translateUdp(DecodedResource<UDPRoute> route) {
        return translate(route, route.object().getSpec().getRules().stream().map(UDPRouteRule::getBackendRefs).toList());
    }

    /** @param refsByRule the backendRefs of each {@code spec.rules[i]} */
    private StreamRouteBackends translate(DecodedResource<?> route, List<List<BackendRef>> refsByRule) {
        String namespace = ResourceIndex.namespaceOf(route.document());
        String routeKind = route.document().key().kind();
        List<IrBackend> out = new ArrayList<>();
        List<RouteRules.Problem> problems = new ArrayList<>();
        for (int i = 0; i < refsByRule.size(); i++) {
            List<BackendRef> refs = refsByRule.get(i);
            for (int j = 0; j < refs.size(); j++) {
                String fieldPath = "spec.rules[" + i + "].backendRefs[" + j + "]";
                BackendResolver.Resolution resolution = backends.resolveStream(routeKind, namespace, refs.get(j),
                        fieldPath);
                out.add(resolution.backend());
                if (!resolution.valid()) {
                    problems.add(new RouteRules.Problem(resolution.reason(), resolution.message()));
                }
            }
        }
        Optional<RouteRules.Problem> unresolved = problems.isEmpty() ? Optional.empty()
                : Optional.of(new RouteRules.Problem(problems.get(0).reason(),
                        String.join("; ", problems.stream().map(RouteRules.Problem::message).toList())));
        return new StreamRouteBackends(out, unresolved);
    }
}
