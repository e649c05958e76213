package io.lintel.spi.filter;

import java.util.List;
import java.util.Map;

/**
 * Request or response headers as a filter sees them. Names are case-insensitive. Not thread-safe: a view belongs
 * to one exchange, on the event loop that runs it.
 */
public interface HttpHeadersView extends Iterable<Map.Entry<String, String>> {

    /** The first value of {@code name}, or null. */
    String get(String name);

    /** Every value of {@code name}, in order; empty when absent. */
    List<String> getAll(String name);

    boolean contains(String name);

    /** Replaces every value of {@code name} with {@code value}. */
    void set(String name, String value);

    /** Adds a value after the existing ones. */
    void add(String name, String value);

    /** Removes every value of {@code name}. */
    void remove(String name);
}
