package io.lintel.plugin.discovery.manifests;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of string keys in insertion order, held in one array of keys and values: the frozen form of a
 * small manifest mapping. Documents are kept for as long as they are served, and at 10 000 routes their ~170 000
 * mappings as unmodifiable {@link java.util.LinkedHashMap}s (entries, table, wrapper, cached views) took ~4x the
 * memory. Lookups scan, so it is only used for mappings of at most {@link #MAX_SIZE} keys. Equal to any map with the
 * same entries ({@link AbstractMap}).
 */
final class CompactMap extends AbstractMap<String, Object> {

    static final int MAX_SIZE = 16;

    private final Object[] keysAndValues;

    /** {@code map}'s entries, in its iteration order; {@code map} has at most {@link #MAX_SIZE} entries. */
    CompactMap(Map<String, Object> map) {
        keysAndValues = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            keysAndValues[i++] = entry.getKey();
            keysAndValues[i++] = entry.getValue();
        }
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public Object get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : keysAndValues[at + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return CompactMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Object> entry = new SimpleImmutableEntry<>((String) keysAndValues[next],
                                keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }
        };
    }
}
