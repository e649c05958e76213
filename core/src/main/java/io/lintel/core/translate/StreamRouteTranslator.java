package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.StreamRouteObject;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.kind.BackendRef;
import io.lintel.spi.kind.ListenerProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the backendRefs of a route that relays whole connections (TLSRoute, TCPRoute) or datagrams (UDPRoute), as
 * its plugin described it, all rules together: such a route has no matches, so its connections are spread over every
 * backend by weight. An invalid reference stays in the list as a backend that closes the connections that pick it, so
 * that its valid siblings keep their share, as for HTTPRoutes.
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

    StreamRouteBackends translate(DecodedResource<StreamRouteObject> route) {
        ResourceKey key = route.document().key();
        ListenerProtocol protocol = route.object().routeKind().protocol();
        List<List<BackendRef>> refsByRule = route.object().route().rules().stream()
                .map(rule -> rule.backendRefs()).toList();
        String namespace = ResourceIndex.namespaceOf(route.document());
        List<IrBackend> out = new ArrayList<>();
        List<RouteRules.Problem> problems = new ArrayList<>();
        for (int i = 0; i < refsByRule.size(); i++) {
            List<BackendRef> refs = refsByRule.get(i);
            for (int j = 0; j < refs.size(); j++) {
                String fieldPath = "spec.rules[" + i + "].backendRefs[" + j + "]";
                BackendResolver.Resolution resolution = backends.resolveStream(key.group(), key.kind(),
                        protocol == ListenerProtocol.UDP ? "UDP" : "TCP", namespace, refs.get(j), fieldPath);
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
