package io.lintel.core.admin;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which rules the served configurations use, kept by counting the virtual hosts that reach each rule. The translator
 * hands unchanged virtual hosts on as the same instances, so a new configuration is compared with the previous one
 * by instance: only the virtual hosts that came or went are walked, and a one-route change costs that route, not
 * the configuration. Not thread-safe: called from the thread that applies configurations.
 *
 * @param <K> how a rule is named
 */
final class LiveRules<K> {

    private final Function<IrRouteMatch, K> keyOf;
    private Map<IrVirtualHost, Integer> hosts = new IdentityHashMap<>();
    private final Map<K, Integer> counts = new HashMap<>();

    LiveRules(Function<IrRouteMatch, K> keyOf) {
        this.keyOf = keyOf;
    }

    /** Moves on to {@code ir}; returns the rules no virtual host of it reaches any more (and that one did before). */
    Set<K> update(Ir ir) {
        Map<IrVirtualHost, Integer> next = new IdentityHashMap<>();
        for (IrSocket socket : ir.sockets()) {
            for (IrListener listener : socket.listeners()) {
                for (IrVirtualHost host : listener.virtualHosts()) {
                    next.merge(host, 1, Integer::sum);
                }
            }
        }
        Set<K> gone = new HashSet<>();
        next.forEach((host, uses) -> {
            int before = hosts.getOrDefault(host, 0);
            if (uses > before) {
                count(host, uses - before, gone);
            }
        });
        hosts.forEach((host, uses) -> {
            int now = next.getOrDefault(host, 0);
            if (uses > now) {
                count(host, now - uses, gone);
            }
        });
        hosts = next;
        gone.removeIf(counts::containsKey);
        return gone;
    }

    /** Whether a virtual host of the current configuration reaches {@code key}. */
    boolean contains(K key) {
        return counts.containsKey(key);
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
