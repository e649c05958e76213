package io.lintel.core.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The virtual hosts that left and came between two host lists of a listener, by instance: the translator hands
 * unchanged hosts on as the same instances, so whoever keeps something per host (the compiler, the metrics) updates
 * what changed instead of walking the configuration.
 *
 * @param removed hosts of the earlier list missing from the later one
 * @param added hosts of the later list missing from the earlier one
 * @param byHostname the later list's hosts by hostname, when the diff had (or was given) the earlier one's to patch;
 *     else null. Hand it to the next {@link #between} to spare it a rebuild.
 */
public record VirtualHostDiff(List<IrVirtualHost> removed, List<IrVirtualHost> added,
        Map<String, IrVirtualHost> byHostname) {

    public int size() {
        return removed.size() + added.size();
    }

    /**
     * How {@code after} differs from {@code before}, or null when a hostname is listed twice in either. Usually the
     * lists differ in place (a route changed, its hostnames stay): one identity comparison per host. Otherwise (hosts
     * came or went) they are compared by hostname.
     *
     * @param beforeByHostname {@code before}'s hosts by hostname if known, else null; it is updated in place to
     *     become {@code after}'s (so it must not be used for {@code before} again)
     */
    public static VirtualHostDiff between(List<IrVirtualHost> before, Map<String, IrVirtualHost> beforeByHostname,
            List<IrVirtualHost> after) {
        List<IrVirtualHost> removed = new ArrayList<>();
        List<IrVirtualHost> added = new ArrayList<>();
        if (inPlace(before, after, removed, added)) {
            return new VirtualHostDiff(removed, added, patch(beforeByHostname, removed, added));
        }
        removed.clear();
        added.clear();
        Map<String, IrVirtualHost> index = beforeByHostname != null ? beforeByHostname : index(before);
        if (index == null) {
            return null;
        }
        int kept = 0;
        for (IrVirtualHost host : after) {
            IrVirtualHost previous = index.get(host.hostname());
            if (previous == host) {
                kept++;
                continue;
            }
            if (previous != null) {
                removed.add(previous);
            }
            added.add(host);
        }
        if (before.size() > kept + removed.size()) {
            Set<String> hostnames = new HashSet<>(after.size() * 4 / 3 + 1);
            for (IrVirtualHost host : after) {
                hostnames.add(host.hostname());
            }
            for (IrVirtualHost host : before) {
                if (!hostnames.contains(host.hostname())) {
                    removed.add(host);
                }
            }
        }
        // a collision means a hostname listed twice in after: the lists above would count one host twice
        Map<String, IrVirtualHost> patched = patch(index, removed, added);
        return patched == null ? null : new VirtualHostDiff(removed, added, patched);
    }

    /** Collects the differences of lists of equal length that differ only by instances of the same hostname. */
    private static boolean inPlace(List<IrVirtualHost> before, List<IrVirtualHost> after,
            List<IrVirtualHost> removed, List<IrVirtualHost> added) {
        if (after.size() != before.size()) {
            return false;
        }
        for (int i = 0; i < after.size(); i++) {
            IrVirtualHost was = before.get(i);
            IrVirtualHost is = after.get(i);
            if (was != is) {
                if (!was.hostname().equals(is.hostname())) {
                    return false;
                }
                removed.add(was);
                added.add(is);
            }
        }
        return true;
    }

    /** The hosts by hostname, or null when a hostname is listed twice. */
    private static Map<String, IrVirtualHost> index(List<IrVirtualHost> hosts) {
        Map<String, IrVirtualHost> byHostname = new HashMap<>(hosts.size() * 4 / 3 + 1);
        for (IrVirtualHost host : hosts) {
            if (byHostname.put(host.hostname(), host) != null) {
                return null;
            }
        }
        return byHostname;
    }

    private static Map<String, IrVirtualHost> patch(Map<String, IrVirtualHost> byHostname,
            List<IrVirtualHost> removed, List<IrVirtualHost> added) {
        if (byHostname == null) {
            return null;
        }
        for (IrVirtualHost host : removed) {
            byHostname.remove(host.hostname(), host);
        }
        for (IrVirtualHost host : added) {
            if (byHostname.putIfAbsent(host.hostname(), host) != null) {
                return null;
            }
        }
        return byHostname;
    }
}
