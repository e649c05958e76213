package io.lintel.core.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every backend a route table can send to (of HTTP rules, TCPRoutes and UDPRoutes), once per name, with the health
 * of its endpoints now: what {@code GET /backends} shows. Walks the whole table, so it runs on the admin server's
 * render threads, never on an event loop. TLS passthrough routes are not walked (their router keeps them by SNI).
 */
public final class TableBackends {

    private TableBackends() {}

    /** The backends by name, in the order the table first names them; each with the rules that use it. */
    public static List<Use> of(CompiledRouteTable table) {
        Map<String, Use> byName = new LinkedHashMap<>();
        for (CompiledSocket socket : table.sockets().values()) {
            for (Map.Entry<String, CompiledListener> listener : socket.listeners().entries()) {
                for (Map.Entry<String, CompiledVirtualHost> host : listener.getValue().virtualHosts().entries()) {
                    for (CompiledMatch match : host.getValue().matches()) {
                        add(byName, match.rule().name(), match.rule().backends());
                    }
                }
            }
            if (socket.tcpRoute() != null) {
                add(byName, socket.tcpRoute().name(), socket.tcpRoute().backends());
            }
        }
        table.datagramRoutes().values().forEach(route -> add(byName, route.name(), route.backends()));
        return byName.values().stream().map(use -> new Use(use.backend(), List.copyOf(use.rules()))).toList();
    }

    private static void add(Map<String, Use> byName, String rule, List<CompiledBackend> backends) {
        for (CompiledBackend backend : backends) {
            Use use = byName.computeIfAbsent(backend.name(), name -> new Use(BackendState.of(backend), new ArrayList<>()));
            if (!use.rules().contains(rule)) {
                use.rules().add(rule);
            }
        }
    }

    /**
     * @param backend the backend and its endpoints' health
     * @param rules the rules (and TCP/UDP routes) that send to it
     */
    public record Use(BackendState backend, List<String> rules) {}
}
