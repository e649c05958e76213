package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an {@link HttpRouteKind} makes of one valid route object: pure data, which core attaches to HTTP and HTTPS
 * listeners, reports the status of, and serves. Field paths of what core reports are derived from the positions in
 * these lists ({@code spec.rules[i].backendRefs[j].filters[k]}), so keep the document's order.
 *
 * @param parentRefs the route's {@code spec.parentRefs}, in order
 * @param hostnames the route's {@code spec.hostnames}; empty means any
 * @param rules the route's {@code spec.rules}, in order; empty (a route without rules) answers every request of its
 *     hostnames with 500
 */
public record HttpRoute(List<ParentRef> parentRefs, List<String> hostnames, List<HttpRouteRule> rules) {

    public HttpRoute {
        parentRefs = List.copyOf(requireNonNull(parentRefs, "parentRefs"));
        hostnames = List.copyOf(requireNonNull(hostnames, "hostnames"));
        rules = List.copyOf(requireNonNull(rules, "rules"));
    }
}
