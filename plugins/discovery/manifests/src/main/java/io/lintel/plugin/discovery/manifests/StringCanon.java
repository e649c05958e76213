package io.lintel.plugin.discovery.manifests;

/**
 * Hands out one instance of each short string it has seen recently, so that parsed documents share their keys and
 * common values. A parser makes a new string for every key and scalar; the documents are kept for as long as they
 * are served, and at 10 000 routes ~34 of their ~75 strings per route were keys out of a vocabulary of a few dozen
 * ({@code apiVersion}, {@code matches}, {@code backendRefs}...) and many of the rest repeated values ({@code
 * PathPrefix}, the namespace, the apiVersion): ~25 MB of copies.
 *
 * <p>A direct-mapped cache: a string's hash picks one slot, which holds the last string that hashed there. The
 * vocabulary recurs in every document, so it stays; a unique value (a hostname) only takes a slot until another
 * string needs it. Memory is bounded (the slots), nothing is retained beyond them, and there is no lock: slots are
 * written without synchronisation, which at worst loses a chance to share (strings are immutable and safely
 * published).
 */
final class StringCanon {

    /** Longer strings are rarely repeated and are left as they are. */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 1 << 13;
    private static final String[] slots = new String[SLOTS];

    private StringCanon() {
    }

    /** {@code s} or an equal string handed out before. */
    static String canon(String s) {
        if (s.length() > MAX_LENGTH) {
            return s;
        }
        int hash = s.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String seen = slots[slot];
        if (s.equals(seen)) {
            return seen;
        }
        slots[slot] = s;
        return s;
    }
}
