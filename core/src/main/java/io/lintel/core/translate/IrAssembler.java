package io.lintel.core.translate;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.spi.config.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the IR from the served listeners and their attached routes: sockets per (address, port), listeners most
 * specific first, virtual hosts per effective hostname. A virtual host lists its own matches first and then those
 * of the less specific hostnames of the listener that also cover it, so that the more specific hostname takes
 * precedence without hiding the rest.
 */
final class IrAssembler {

    /** What the assembler needs of a route. */
    record RouteInfo(Instant created, String namespace, String name, RouteRules rules) {}

    /** What the assembler needs of a TLSRoute or a TCPRoute. */
    record TlsRouteInfo(Instant created, String namespace, String name, List<IrBackend> backends) {}

    /** @param datagram a UDP socket, apart from a TCP one of the same address and port (TCP first) */
    private record SocketKey(String address, int port, boolean datagram) implements Comparable<SocketKey> {
        @Override
        public int compareTo(SocketKey o) {
            int c = address.compareTo(o.address);
            c = c != 0 ? c : Integer.compare(port, o.port);
            return c != 0 ? c : Boolean.compare(datagram, o.datagram);
        }
    }

    private static final Comparator<IrListener> LISTENER_ORDER = Comparator
            .comparing(IrListener::hostname, Hostnames.MOST_SPECIFIC_FIRST)
            .thenComparing(IrListener::name);

    Ir assemble(List<ListenerState> served, Map<ResourceKey, RouteInfo> routes) {
        return assemble(served, routes, Map.of());
    }

    Ir assemble(List<ListenerState> served, Map<ResourceKey, RouteInfo> routes,
            Map<ResourceKey, TlsRouteInfo> streamRoutes) {
        return assemble(served, routes, streamRoutes, new VirtualHostMemo());
    }

    /** As {@link #assemble(List, Map, Map)}, handing on the virtual hosts {@code memo} holds of unchanged routes. */
    Ir assemble(List<ListenerState> served, Map<ResourceKey, RouteInfo> routes,
            Map<ResourceKey, TlsRouteInfo> streamRoutes, VirtualHostMemo memo) {
        return assemble(served, streamRoutes, listener -> virtualHosts(listener, routes, memo));
    }

    /** Assembles the IR with the virtual hosts {@code virtualHosts} gives each HTTP listener. */
    Ir assemble(List<ListenerState> served, Map<ResourceKey, TlsRouteInfo> streamRoutes,
            Function<ListenerState, List<IrVirtualHost>> virtualHosts) {
        Map<SocketKey, List<IrListener>> sockets = new TreeMap<>();
        Map<SocketKey, IrProtocol> protocols = new HashMap<>();
        for (ListenerState listener : served) {
            IrProtocol protocol = IrProtocol.valueOf(listener.protocol);
            Optional<IrTls> tls = protocol == IrProtocol.HTTPS || listener.terminatesTlsRoutes()
                    ? Optional.of(new IrTls(listener.certificates, listener.tlsOptions,
                            listener.clientValidation)) : Optional.empty();
            IrListener ir = listener.relays()
                    ? new IrListener(listener.irName(), listener.hostname, List.of(), tls,
                            Optional.of(PassthroughAssembler.passthrough(listener, streamRoutes)))
                    : new IrListener(listener.irName(), listener.hostname, virtualHosts.apply(listener), tls);
            for (String address : listener.gateway.addresses) {
                SocketKey key = new SocketKey(address, listener.port, listener.datagram());
                // SocketConflicts leaves one protocol class per socket among the served listeners; HTTPS and TLS
                // share one, and a socket with any passthrough listener is TLS (it routes by SNI before terminating).
                protocols.merge(key, protocol, (a, b) -> a == IrProtocol.TLS ? a : b);
                sockets.computeIfAbsent(key, k -> new ArrayList<>()).add(ir);
            }
        }
        List<IrSocket> out = new ArrayList<>();
        sockets.forEach((key, listeners) -> {
            listeners.sort(LISTENER_ORDER);
            out.add(new IrSocket(key.address(), key.port(), protocols.get(key), listeners));
        });
        return new Ir(out);
    }

    /**
     * The listener's virtual hosts, one per hostname its routes serve, built anew or handed on by {@code memo}; also
     * kept in {@link ListenerState#virtualHosts} for {@link #rebuild}.
     */
    private static List<IrVirtualHost> virtualHosts(ListenerState listener, Map<ResourceKey, RouteInfo> routes,
            VirtualHostMemo memo) {
        Map<String, List<MatchPrecedence.Candidate>> sorted = new HashMap<>();
        String listenerName = listener.irName();
        listener.virtualHosts.clear();
        // Every hostname looks up itself and each wildcard that could cover it, twice: in a hash map, not in the
        // listener's sorted map (at 10 000 hostnames ~14 comparisons a lookup, ~10^6 in all, most of them missing).
        Map<String, TreeSet<ResourceKey>> byHostname = new HashMap<>(listener.routesByHostname);
        listener.routesByHostname.keySet().forEach(hostname -> {
            List<String> covering = coveringHostnames(hostname);
            List<Object> inputs = new ArrayList<>();
            for (String general : covering) {
                Set<ResourceKey> keys = byHostname.get(general);
                if (keys != null) {
                    inputs.add(general);
                    keys.forEach(key -> inputs.add(routes.get(key)));
                }
            }
            listener.virtualHosts.put(hostname, memo.get(listenerName, hostname, inputs,
                    () -> virtualHost(listener, byHostname, hostname, covering, routes, sorted)));
        });
        return List.copyOf(listener.virtualHosts.values());
    }

    /**
     * Rebuilds the virtual hosts of {@code hostnames} (after routes serving them changed) and every virtual host they
     * cover; returns the listener's virtual hosts, the others as they were.
     */
    static List<IrVirtualHost> rebuild(ListenerState listener, Set<String> hostnames, Map<ResourceKey, RouteInfo> routes,
            VirtualHostMemo memo) {
        Set<String> affected = new HashSet<>(hostnames);
        for (String hostname : hostnames) {
            if (hostname.startsWith("*")) {
                for (String other : listener.routesByHostname.keySet()) {
                    if (Hostnames.covers(hostname, other)) {
                        affected.add(other);
                    }
                }
            }
        }
        Map<String, List<MatchPrecedence.Candidate>> sorted = new HashMap<>();
        for (String hostname : affected) {
            memo.forget(listener.irName(), hostname);
            if (listener.routesByHostname.containsKey(hostname)) {
                listener.virtualHosts.put(hostname, virtualHost(listener, listener.routesByHostname, hostname,
                        coveringHostnames(hostname), routes, sorted));
            } else {
                listener.virtualHosts.remove(hostname);
            }
        }
        return List.copyOf(listener.virtualHosts.values());
    }

    /**
     * The virtual host of {@code hostname}: the matches of its own routes, then those of the hostnames covering it
     * ({@code byHostname}: the listener's routes by hostname, or a copy of them).
     */
    private static IrVirtualHost virtualHost(ListenerState listener, Map<String, TreeSet<ResourceKey>> byHostname,
            String hostname, List<String> covering, Map<ResourceKey, RouteInfo> routes,
            Map<String, List<MatchPrecedence.Candidate>> sorted) {
        List<IrRouteMatch> matches = new ArrayList<>();
        for (String general : covering) {
            Set<ResourceKey> keys = byHostname.get(general);
            if (keys != null) {
                sorted.computeIfAbsent(general, g -> candidates(listener, keys.stream().map(routes::get).toList()))
                        .forEach(c -> matches.add(irMatch(c)));
            }
        }
        return new IrVirtualHost(hostname, matches);
    }

    /** Every match of the routes' rules, in the spec's precedence order. */
    private static List<MatchPrecedence.Candidate> candidates(ListenerState listener, List<RouteInfo> routes) {
        List<MatchPrecedence.Candidate> list = new ArrayList<>();
        for (RouteInfo route : routes) {
            for (RouteRules.Rule rule : route.rules().rules()) {
                for (RouteRules.Match match : rule.matches()) {
                    list.add(new MatchPrecedence.Candidate(route.created(), route.namespace(), route.name(),
                            rule.index(), match, BackendClientCertificates.apply(listener.gateway, rule.ir())));
                }
            }
        }
        list.sort(MatchPrecedence.ORDER);
        return list;
    }

    /**
     * The hostnames that cover {@code hostname} (see {@link Hostnames#covers}), most specific first: itself, the
     * wildcards of its suffixes from the longest, then {@code "*"}. Only these can cover it, so a virtual host costs
     * its number of labels, not the number of hostnames of the listener.
     */
    static List<String> coveringHostnames(String hostname) {
        List<String> out = new ArrayList<>(4);
        out.add(hostname);
        if (hostname.equals(Hostnames.ANY)) {
            return out;
        }
        for (int dot = hostname.indexOf('.', 1); dot > 0; dot = hostname.indexOf('.', dot + 1)) {
            String wildcard = "*" + hostname.substring(dot);
            if (!wildcard.equals(hostname)) {
                out.add(wildcard);
            }
        }
        out.add(Hostnames.ANY);
        return out;
    }

    private static IrRouteMatch irMatch(MatchPrecedence.Candidate c) {
        String name = c.ir().name() + "/match/" + c.match().index();
        return new IrRouteMatch(name, c.match().path(), c.match().headers(), c.match().queryParams(), c.match().method(),
                c.ir());
    }
}
