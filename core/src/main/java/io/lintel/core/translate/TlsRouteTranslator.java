package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteRule;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.translate.decode.DecodedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the backendRefs of a TLSRoute (all rules together: a TLSRoute has no matches, so its connections are
 * spread over every backend by weight). An invalid reference stays in the list as a backend that closes the
 * connections that pick it, so that its valid siblings keep their share, as for HTTPRoutes.
 */
final class TlsRouteTranslator {

    /**
     * A TLSRoute's backends and what was wrong with them.
     *
     * @param backends in the order of the rules and their backendRefs
     * @param unresolved why some backendRef is invalid (ResolvedRefs=False), or empty
     */
    record TlsRouteBackends(List<IrBackend> backends, Optional<RouteRules.Problem> unresolved) {

        TlsRouteBackends {
            backends = List.copyOf(requireNonNull(backends, "backends"));
            requireNonNull(unresolved, "unresolved");
        }

        /** The shape {@link RouteParents} reports conditions from: no rules, no filters. */
        RouteRules asRouteRules() {
            return new RouteRules(List.of(), unresolved, Optional.empty());
        }
    }

    private final BackendResolver backends;

    TlsRouteTranslator(BackendResolver backends) {
        this.backends = requireNonNull(backends, "backends");
    }

    TlsRouteBackends translate(DecodedResource<TLSRoute> route) {
        String namespace = ResourceIndex.namespaceOf(route.document());
        List<IrBackend> out = new ArrayList<>();
        List<RouteRules.Problem> problems = new ArrayList<>();
        List<TLSRouteRule> rules = route.object().getSpec().getRules();
        for (int i = 0; i < rules.size(); i++) {
            List<BackendRef> refs = rules.get(i).getBackendRefs();
            for (int j = 0; j < refs.size(); j++) {
                String fieldPath = "spec.rules[" + i + "].backendRefs[" + j + "]";
                BackendResolver.Resolution resolution = backends.resolveTls(namespace, refs.get(j), fieldPath);
                out.add(resolution.backend());
                if (!resolution.valid()) {
                    problems.add(new RouteRules.Problem(resolution.reason(), resolution.message()));
                }
            }
        }
        Optional<RouteRules.Problem> unresolved = problems.isEmpty() ? Optional.empty()
                : Optional.of(new RouteRules.Problem(problems.get(0).reason(),
                        String.join("; ", problems.stream().map(RouteRules.Problem::message).toList())));
        return new TlsRouteBackends(out, unresolved);
    }
}
