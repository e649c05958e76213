package io.lintel.core.translate;

import io.lintel.core.ir.IrVirtualHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The virtual hosts of the previous translation, by listener and hostname, each with the route infos it was built
 * from. A virtual host whose routes are the same instances (see {@link TranslationMemo}) is handed on as the same
 * {@link IrVirtualHost} instance, which is what lets the route table compiler reuse its compiled form. Keeps one
 * generation; not thread-safe.
 */
final class VirtualHostMemo {

    private record Entry(List<Object> inputs, IrVirtualHost host) {}

    private Map<String, Entry> entries = new HashMap<>();
    private Map<String, Entry> next = new HashMap<>();

    /**
     * The virtual host for {@code hostname} of {@code listener}: the previous one when it was built from the same
     * {@code inputs} (compared element by element by identity), else {@code build}'s.
     */
    IrVirtualHost get(String listener, String hostname, List<Object> inputs, Supplier<IrVirtualHost> build) {
        String key = listener + ' ' + hostname;
        Entry entry = entries.get(key);
        if (entry == null || !sameInstances(entry.inputs(), inputs)) {
            entry = new Entry(inputs, build.get());
        }
        next.put(key, entry);
        return entry.host();
    }

    /** Keeps only what was asked for since the previous call. */
    void endGeneration() {
        entries = next;
        next = new HashMap<>(Math.max(16, entries.size() * 4 / 3));
    }

    /**
     * Forgets the virtual host of {@code hostname} of {@code listener}: a translation of changed routes rebuilt it
     * without this memo, and the entry would hold the routes it was built from (their documents, decoded objects and
     * IR) until the next full translation — after a replacement of every route, a whole second configuration.
     */
    void forget(String listener, String hostname) {
        String key = listener + ' ' + hostname;
        entries.remove(key);
        next.remove(key);
    }

    void clear() {
        entries.clear();
        next.clear();
    }

    private static boolean sameInstances(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            // routes by identity; the hostnames between them by value
            if (a.get(i) != b.get(i) && !(a.get(i) instanceof String s && s.equals(b.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
