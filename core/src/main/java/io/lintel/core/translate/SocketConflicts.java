package io.lintel.core.translate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateways that bind the same address and port share one socket. The older Gateway (then namespace/name) decides
 * what the socket speaks: a listener of another Gateway with an incompatible protocol there (HTTP beside HTTPS; HTTPS
 * and TLS passthrough share a socket, told apart by SNI) is Conflicted (ProtocolConflict). When two listeners claim
 * the same hostname there, the listener of the older Gateway keeps it and the other is Conflicted (HostnameConflict).
 * A Gateway's listeners come in precedence order (its own, then its ListenerSets' by {@link ListenerSets}), so the
 * same rules resolve conflicts between a Gateway and its ListenerSets (GEP-1713).
 */
final class SocketConflicts {

    /** @param datagram UDP: a UDP port is a socket of its own beside a TCP port of the same number */
    private record Claim(String address, int port, boolean datagram, String hostname) {}

    private record Socket(String address, int port, boolean datagram) {}

    static void mark(Collection<GatewayState> gateways) {
        List<GatewayState> ordered = new ArrayList<>(gateways);
        ordered.sort(Comparator.comparing(GatewayState::created)
                .thenComparing(g -> g.namespace)
                .thenComparing(g -> g.name));
        Map<Claim, ListenerState> owners = new HashMap<>();
        Map<Socket, ListenerState> socketOwners = new HashMap<>();
        for (GatewayState gateway : ordered) {
            for (ListenerState listener : gateway.listeners) {
                if (!listener.served()) {
                    continue;
                }
                for (String address : gateway.addresses) {
                    ListenerState socketOwner = socketOwners.putIfAbsent(new Socket(address, listener.port, listener.datagram()), listener);
                    if (socketOwner != null && !GatewayEvaluator.portClass(socketOwner.protocol)
                            .equals(GatewayEvaluator.portClass(listener.protocol))) {
                        listener.conflict("ProtocolConflict", "port " + listener.port + " on " + address
                                + " already serves " + socketOwner.protocol + " for listener " + socketOwner.name
                                + " of " + socketOwner.declaredBy());
                        continue;
                    }
                    Claim claim = new Claim(address, listener.port, listener.datagram(), listener.hostname);
                    ListenerState owner = owners.putIfAbsent(claim, listener);
                    if (owner != null && !owner.sameDeclarer(listener)) {
                        listener.conflict("HostnameConflict", "hostname " + listener.hostname + " on " + address + ":"
                                + listener.port + (listener.datagram() ? " (UDP)" : "")
                                + " is already served by listener " + owner.name + " of " + owner.declaredBy());
                    }
                }
            }
        }
    }

    private SocketConflicts() {}
}
