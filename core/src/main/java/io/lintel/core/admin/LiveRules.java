package io.lintel.core.admin;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.ir.VirtualHostDiff;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which rules the served configurations use, kept by counting the virtual hosts that reach each rule. The translator
 * hands unchanged virtual hosts on as the same instances, so each listener's hosts are compared with the previous
 * configuration's by instance ({@link VirtualHostDiff}): only the virtual hosts that came or went are walked, and a
 * one-route change costs that route, not the configuration. Not thread-safe: called from the thread that applies
 * configurations.
 *
 * @param <K> how a rule is named
 */
final class LiveRules<K> {

    /** A listener's hosts as last counted, with their index by hostname when a diff built one. */
    private record Counted(List<IrVirtualHost> hosts, Map<String, IrVirtualHost> byHostname) {}

    private final Function<IrRouteMatch, K> keyOf;
    private Map<String, Counted> listeners = new HashMap<>();
    private final Map<K, Integer> counts = new HashMap<>();

    LiveRules(Function<IrRouteMatch, K> keyOf) {
        this.keyOf = keyOf;
    }

    /** Moves on to {@code ir}; returns the rules no virtual host of it reaches any more (and that one did before). */
    Set<K> update(Ir ir) {
        Map<String, Counted> next = new HashMap<>();
        Set<K> gone = new HashSet<>();
        for (IrSocket socket : ir.sockets()) {
            for (IrListener listener : socket.listeners()) {
                String slot = socket.address() + ":" + socket.port() + "/" + listener.name();
                Counted before = listeners.remove(slot);
                List<IrVirtualHost> now = listener.virtualHosts();
                Counted counted;
                if (before != null && before.hosts() == now) {
                    counted = before;
                } else {
                    VirtualHostDiff diff = before == null ? null : VirtualHostDiff.between(before.hosts(),
                            before.byHostname(), now);
                    if (diff == null) {
                        count(now, 1, gone);
                        if (before != null) {
                            count(before.hosts(), -1, gone);
                        }
                        counted = new Counted(now, null);
                    } else {
                        count(diff.added(), 1, gone);
                        count(diff.removed(), -1, gone);
                        counted = new Counted(now, diff.byHostname());
                    }
                }
                Counted twin = next.put(slot, counted);
                if (twin != null) {
                    count(twin.hosts(), -1, gone);
                }
            }
        }
        for (Counted left : listeners.values()) {
            count(left.hosts(), -1, gone);
        }
        listeners = next;
        gone.removeIf(counts::containsKey);
        return gone;
    }

    /** Whether a virtual host of the current configuration reaches {@code key}. */
    boolean contains(K key) {
        return counts.containsKey(key);
    }

    private void count(List<IrVirtualHost> hosts, int delta, Set<K> gone) {
        for (IrVirtualHost host : hosts) {
            count(host, delta, gone);
        }
    }

    private void count(IrVirtualHost host, int delta, Set<K> gone) {
        for (IrRouteMatch match : host.matches()) {
            K key = keyOf.apply(match);
            int now = counts.getOrDefault(key, 0) + delta;
            if (now > 0) {
                counts.put(key, now);
            } else {
                counts.remove(key);
                gone.add(key);
            }
        }
    }
}
