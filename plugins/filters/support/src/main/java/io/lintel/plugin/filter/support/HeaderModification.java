package io.lintel.plugin.filter.support;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.HttpHeadersView;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Gateway API {@code HTTPHeaderFilter} (the configuration of {@code RequestHeaderModifier} and
 * {@code ResponseHeaderModifier}): headers to set (replacing every value), to add (after the existing values) and to
 * remove.
 *
 * <p>{@link #read} enforces the API's rules: header names are RFC 7230 tokens of at most 256 characters, values are
 * 1 to 4096 characters without control characters, each list has at most 16 entries, and a header name appears at
 * most once across all three lists, compared case-insensitively ("only one action for a given header name is
 * permitted"). Because no name is touched twice, the order in which {@link #applyTo} runs the lists does not change
 * the result.
 *
 * @param set headers whose values are replaced, or created
 * @param add headers that get one more value
 * @param remove names of headers removed with all their values
 */
public record HeaderModification(List<Header> set, List<Header> add, List<String> remove) {

    /** The Gateway API limit on each of {@code set}, {@code add} and {@code remove}. */
    public static final int MAX_ENTRIES = 16;
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_VALUE_LENGTH = 4096;

    private static final Set<String> FILTER_FIELDS = Set.of("set", "add", "remove");
    private static final Set<String> HEADER_FIELDS = Set.of("name", "value");

    /** A header name and value, as validated by {@link HeaderModification#read}. */
    public record Header(String name, String value) {

        public Header {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }
    }

    public HeaderModification {
        set = List.copyOf(requireNonNull(set, "set"));
        add = List.copyOf(requireNonNull(add, "add"));
        remove = List.copyOf(requireNonNull(remove, "remove"));
    }

    /**
     * Reads and validates an {@code HTTPHeaderFilter} object.
     *
     * @throws FilterConfigException naming the first offending field, with reason {@code UnsupportedValue}
     */
    public static HeaderModification read(ConfigReader filter) throws FilterConfigException {
        filter.requireOnly(FILTER_FIELDS);
        // Lower-cased name -> the field path that first used it, for the duplicate message.
        Map<String, String> seen = new HashMap<>();
        List<Header> set = readHeaders(filter, "set", seen);
        List<Header> add = readHeaders(filter, "add", seen);
        List<String> remove = filter.stringList("remove");
        checkSize(filter, "remove", remove.size());
        for (int i = 0; i < remove.size(); i++) {
            String field = "remove[" + i + "]";
            checkName(filter, field, remove.get(i), seen);
        }
        return new HeaderModification(set, add, remove);
    }

    /** Whether this modification changes nothing. */
    public boolean isEmpty() {
        return set.isEmpty() && add.isEmpty() && remove.isEmpty();
    }

    /** Applies the modification to {@code headers}; allocates nothing beyond what the view does. */
    public void applyTo(HttpHeadersView headers) {
        // Indexed loops: these run for every request, and the lists are random-access.
        for (int i = 0; i < remove.size(); i++) {
            headers.remove(remove.get(i));
        }
        for (int i = 0; i < set.size(); i++) {
            Header header = set.get(i);
            headers.set(header.name(), header.value());
        }
        for (int i = 0; i < add.size(); i++) {
            Header header = add.get(i);
            headers.add(header.name(), header.value());
        }
    }

    private static List<Header> readHeaders(ConfigReader filter, String list, Map<String, String> seen)
            throws FilterConfigException {
        List<ConfigReader> entries = filter.objectList(list);
        checkSize(filter, list, entries.size());
        Header[] headers = new Header[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            ConfigReader entry = entries.get(i).requireOnly(HEADER_FIELDS);
            String name = entry.requiredString("name");
            checkName(filter, list + "[" + i + "].name", name, seen);
            String value = entry.requiredString("value");
            if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                throw entry.invalid("value", "header value has " + value.length()
                        + " characters; expected 1 to " + MAX_VALUE_LENGTH);
            }
            if (!HttpSyntax.isHeaderValue(value)) {
                throw entry.invalid("value", "header value contains a control character or a character outside"
                        + " ISO-8859-1; expected printable characters, spaces and tabs");
            }
            headers[i] = new Header(name, value);
        }
        return List.of(headers);
    }

    private static void checkSize(ConfigReader filter, String list, int size) throws FilterConfigException {
        if (size > MAX_ENTRIES) {
            throw filter.invalid(list, "has " + size + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
    }

    private static void checkName(ConfigReader filter, String field, String name, Map<String, String> seen)
            throws FilterConfigException {
        if (name.length() > MAX_NAME_LENGTH || !HttpSyntax.isToken(name)) {
            throw filter.invalid(field, "\"" + name + "\" is not a valid header name; expected 1 to "
                    + MAX_NAME_LENGTH + " letters, digits or !#$%&'*+-.^_`|~");
        }
        String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), field);
        if (previous != null) {
            throw filter.invalid(field, "header \"" + name + "\" is already modified by " + previous
                    + "; a header name may appear only once across set, add and remove (case-insensitively)");
        }
    }
}
