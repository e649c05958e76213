package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Routes for one hostname within a listener.
 *
 * @param hostname exact ({@code foo.example.com}), wildcard ({@code *.example.com}: one or more labels) or
 *     {@code "*"} (any host)
 * @param matches every route match for this hostname, from all routes, in the Gateway API precedence order: the
 *     first one that matches a request wins
 */
public record IrVirtualHost(String hostname, List<IrRouteMatch> matches) {

    public IrVirtualHost {
        requireNonNull(hostname, "hostname");
        matches = List.copyOf(requireNonNull(matches, "matches"));
    }
}
