package io.lintel.core.translate;

import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route kinds each listener protocol accepts: on HTTP and HTTPS listeners HTTPRoute (core's) and the HTTP-family
 * kinds of the loaded plugins (GRPCRoute with the built-in plugins), and on TLS, TCP and UDP listeners the kinds the
 * loaded plugins register for that protocol (TLSRoute, TCPRoute, UDPRoute with the built-in plugins; none without
 * them). Immutable.
 */
final class RouteKinds {

    private static final ListenerState.Kind HTTP_ROUTE = new ListenerState.Kind(GatewayEvaluator.GROUP, "HTTPRoute");

    private final Map<String, List<ListenerState.Kind>> byProtocol;

    private RouteKinds(Map<String, List<ListenerState.Kind>> byProtocol) {
        this.byProtocol = byProtocol;
    }

    /**
     * Core's kinds plus the plugins' stream and HTTP-family kinds; on HTTP listeners HTTPRoute first, then the
     * plugins' kinds, each protocol's plugin kinds ordered by group and kind.
     */
    static RouteKinds of(List<StreamRouteKind> plugins, List<HttpRouteKind> httpPlugins) {
        Map<String, List<ListenerState.Kind>> byProtocol = new HashMap<>();
        List<ListenerState.Kind> httpKinds = new ArrayList<>();
        for (HttpRouteKind kind : httpPlugins) {
            httpKinds.add(new ListenerState.Kind(kind.kind().group(), kind.kind().kind()));
        }
        httpKinds.sort(Comparator.comparing(ListenerState.Kind::group).thenComparing(ListenerState.Kind::kind));
        httpKinds.add(0, HTTP_ROUTE);
        List<ListenerState.Kind> http = List.copyOf(httpKinds);
        byProtocol.put("HTTP", http);
        byProtocol.put("HTTPS", http);
        for (ListenerProtocol protocol : ListenerProtocol.values()) {
            List<ListenerState.Kind> kinds = new ArrayList<>();
            for (StreamRouteKind kind : plugins) {
                if (kind.protocol() == protocol) {
                    kinds.add(new ListenerState.Kind(kind.kind().group(), kind.kind().kind()));
                }
            }
            kinds.sort(Comparator.comparing(ListenerState.Kind::group).thenComparing(ListenerState.Kind::kind));
            byProtocol.put(protocol.name(), List.copyOf(kinds));
        }
        return new RouteKinds(Map.copyOf(byProtocol));
    }

    /** The kinds a listener of {@code protocol} accepts; empty for a protocol nothing serves. */
    List<ListenerState.Kind> forProtocol(String protocol) {
        return byProtocol.getOrDefault(protocol, List.of());
    }

    /** True when a listener of some protocol accepts the kind (it is core's or a loaded plugin's). */
    boolean served(ListenerState.Kind kind) {
        return byProtocol.values().stream().anyMatch(kinds -> kinds.contains(kind));
    }
}
