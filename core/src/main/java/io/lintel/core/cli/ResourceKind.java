package io.lintel.core.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@code lintel get} lists, by the names (and short names) an operator types. */
enum ResourceKind {
    GATEWAYS(Set.of("Gateway"), "gateways", "gateway", "gw"),
    ROUTES(RouteKinds.ALL, "routes", "route", "httproutes", "httproute", "grpcroutes", "grpcroute", "tlsroutes",
            "tlsroute", "tcproutes", "tcproute", "udproutes", "udproute"),
    POLICIES(Set.of(), "policies", "policy"),
    BACKENDS(Set.of(), "backends", "backend");

    /** The kinds of routes the status lists. */
    static final class RouteKinds {
        static final Set<String> ALL = Set.of("HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute");

        private RouteKinds() {}
    }

    private final Set<String> statusKinds;
    private final List<String> names;

    ResourceKind(Set<String> statusKinds, String... names) {
        this.statusKinds = statusKinds;
        this.names = List.of(names);
    }

    /** Whether a {@code /status} item of {@code kind} is listed: policies are every kind ending in {@code Policy}. */
    boolean lists(String kind) {
        return this == POLICIES ? kind.endsWith("Policy") : statusKinds.contains(kind);
    }

    /** The one route kind a name such as {@code httproutes} narrows to, or null for all of them. */
    static String routeKind(String typed) {
        String singular = typed.toLowerCase(Locale.ROOT).replaceAll("s$", "");
        return RouteKinds.ALL.stream().filter(kind -> kind.toLowerCase(Locale.ROOT).equals(singular)).findFirst()
                .orElse(null);
    }

    /** @throws IllegalArgumentException naming the value and the kinds expected */
    static ResourceKind of(String typed) {
        String name = typed.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.names.contains(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + typed + "' (expected one of: "
                        + Arrays.stream(values()).map(kind -> kind.names.get(0)).collect(Collectors.joining(", "))
                        + ")"));
    }
}
