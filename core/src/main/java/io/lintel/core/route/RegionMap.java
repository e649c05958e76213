package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Function;

/**
 * An immutable hash map from strings to values that is looked up by a region of a longer string ({@code s[from, to)})
 * without cutting the region out: route lookups (a path segment, a path prefix, a host suffix) allocate nothing.
 * Open addressing with linear probing; the hash is {@link String#hashCode()}'s polynomial, so it can be computed
 * incrementally from either end (see {@link #hash}).
 *
 * @param <V> the values
 */
final class RegionMap<V> {

    private static final RegionMap<?> EMPTY = new RegionMap<>(Map.of(), Function.identity());

    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;
    private final int shift;
    private final int size;

    private <S> RegionMap(Map<String, S> entries, Function<? super S, ? extends V> convert) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
        size = entries.size();
        for (Map.Entry<String, S> entry : entries.entrySet()) {
            String key = entry.getKey();
            int hash = key.hashCode();
            int slot = slot(hash);
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            hashes[slot] = hash;
            values[slot] = requireNonNull(convert.apply(entry.getValue()), "value");
        }
    }

    /** A map holding {@code entries} (copied). */
    static <V> RegionMap<V> of(Map<String, V> entries) {
        return of(entries, Function.identity());
    }

    /** A map with the keys of {@code entries} and their values converted (no intermediate map). */
    @SuppressWarnings("unchecked")
    static <S, V> RegionMap<V> of(Map<String, S> entries, Function<? super S, ? extends V> convert) {
        return entries.isEmpty() ? (RegionMap<V>) EMPTY : new RegionMap<>(entries, convert);
    }

    /** {@link String#hashCode()} of {@code s[from, to)}. */
    static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** The value for the key equal to {@code s[from, to)}, or null. */
    V get(String s, int from, int to) {
        return size == 0 ? null : get(s, from, to, hash(s, from, to));
    }

    /** As {@link #get(String, int, int)}, with the region's {@link #hash} already computed. */
    @SuppressWarnings("unchecked")
    V get(String s, int from, int to, int hash) {
        int length = to - from;
        int slot = slot(hash);
        String key;
        while ((key = keys[slot]) != null) {
            if (hashes[slot] == hash && key.length() == length && s.regionMatches(from, key, 0, length)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Fibonacci hashing: the top bits of hash times 2^32/phi. Similar strings ({@code p1}, {@code p2}, ...) have
     * nearby hashes; masking their low bits would put them in runs that linear probing then walks.
     */
    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }
}
