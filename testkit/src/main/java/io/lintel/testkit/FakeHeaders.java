package io.lintel.testkit;

import io.lintel.spi.filter.HttpHeadersView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** An {@link HttpHeadersView} over a list, keeping names as written and comparing them case-insensitively. */
public final class FakeHeaders implements HttpHeadersView {

    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    /** Headers from alternating names and values. */
    public static FakeHeaders of(String... namesAndValues) {
        FakeHeaders headers = new FakeHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Override
    public String get(String name) {
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                values.add(entry.getValue());
            }
        }
        return values;
    }

    @Override
    public boolean contains(String name) {
        return get(name) != null;
    }

    @Override
    public void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    @Override
    public void add(String name, String value) {
        entries.add(Map.entry(name, value));
    }

    @Override
    public void remove(String name) {
        entries.removeIf(entry -> entry.getKey().equalsIgnoreCase(name));
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return List.copyOf(entries).iterator();
    }

    /** Every entry in order, names as written. */
    public List<Map.Entry<String, String>> entries() {
        return List.copyOf(entries);
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
