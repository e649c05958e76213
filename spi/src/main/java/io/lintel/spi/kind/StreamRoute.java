package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link StreamRouteKind} makes of one valid route object: pure data, which core attaches to listeners, reports
 * the status of, and serves. Field paths of what core reports are derived from the positions in these lists
 * ({@code spec.rules[i].backendRefs[j]}), so keep the document's order.
 *
 * @param parentRefs the route's {@code spec.parentRefs}, in order
 * @param hostnames the route's {@code spec.hostnames} (SNI names, for TLS listeners); empty means any, and is what
 *     kinds without hostnames (TCP, UDP) return
 * @param rules the route's {@code spec.rules}, in order
 */
public record StreamRoute(List<ParentRef> parentRefs, List<String> hostnames, List<StreamRouteRule> rules) {

    public StreamRoute {
        parentRefs = List.copyOf(requireNonNull(parentRefs, "parentRefs"));
        hostnames = List.copyOf(requireNonNull(hostnames, "hostnames"));
        rules = List.copyOf(requireNonNull(rules, "rules"));
    }
}
