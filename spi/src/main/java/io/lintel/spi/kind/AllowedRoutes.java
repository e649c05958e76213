package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A listener's {@code allowedRoutes}: from which namespaces routes may attach, and of which kinds.
 *
 * @param namespacesFrom {@code namespaces.from}: {@code Same} (the default: the namespace of the object that declares
 *     the listener), {@code All} or {@code Selector}
 * @param namespaceSelector {@code namespaces.selector}, if set (used when {@code namespacesFrom} is {@code Selector})
 * @param kinds {@code kinds}, in order, each group defaulted to {@code gateway.networking.k8s.io}; empty means every
 *     kind the listener's protocol serves
 */
public record AllowedRoutes(String namespacesFrom, Optional<LabelSelector> namespaceSelector, List<RouteKind> kinds) {

    /** What a listener without {@code allowedRoutes} allows. */
    public static final AllowedRoutes DEFAULT = new AllowedRoutes("Same", Optional.empty(), List.of());

    public AllowedRoutes {
        requireNonNull(namespacesFrom, "namespacesFrom");
        requireNonNull(namespaceSelector, "namespaceSelector");
        kinds = List.copyOf(requireNonNull(kinds, "kinds"));
    }

    /**
     * An {@code allowedRoutes.kinds[]} entry.
     *
     * @param group the kind's group ({@code gateway.networking.k8s.io} when left out)
     * @param kind the kind, e.g. {@code HTTPRoute}
     */
    public record RouteKind(String group, String kind) {

        public RouteKind {
            requireNonNull(group, "group");
            requireNonNull(kind, "kind");
        }
    }
}
