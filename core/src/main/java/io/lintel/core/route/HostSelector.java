package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the most specific entry for a normalised host: an exact name, then the wildcard ({@code *.suffix}, matching
 * one or more labels) with the longest suffix, then the catch-all {@code "*"}. Both kinds are hash lookups: a host
 * with k dots costs one exact lookup and at most k suffix lookups, however many wildcards there are. Immutable;
 * lookups allocate nothing.
 *
 * @param <T> what a hostname selects
 */
public final class HostSelector<T> {

    private final Map<String, T> exact;
    /** By suffix with its leading dot ({@code ".example.com"} for {@code *.example.com}). */
    private final RegionMap<T> wildcards;
    /** What {@link #wildcards} was built from, for {@link #patched}. */
    private final Map<String, T> wildcardSource;
    private final T catchAll;

    private HostSelector(Map<String, T> exact, Map<String, T> wildcards, T catchAll) {
        this.exact = exact;
        this.wildcards = RegionMap.of(wildcards);
        this.wildcardSource = wildcards;
        this.catchAll = catchAll;
    }

    /**
     * A copy without the entries of {@code removed} and with those of {@code added} (hostname, value pairs), for a
     * change that touches a few hostnames of a large listener: a copy of the maps instead of a rebuild from the IR.
     * Returns null when the patch could not give what a rebuild would: a catch-all changes, a removed hostname maps to
     * another value, or an added one is already taken (which entry wins then depends on the IR's order).
     */
    public HostSelector<T> patched(List<Map.Entry<String, T>> removed, List<Map.Entry<String, T>> added) {
        Patch patch = new Patch();
        for (Map.Entry<String, T> entry : removed) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            Map<String, T> target = patch.mapOf(name);
            if (target == null || !target.remove(key(name), entry.getValue())) {
                return null;
            }
        }
        for (Map.Entry<String, T> entry : added) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            Map<String, T> target = patch.mapOf(name);
            if (target == null || target.putIfAbsent(key(name), entry.getValue()) != null) {
                return null;
            }
        }
        return new HostSelector<>(patch.exact, patch.wildcards == null ? wildcardSource : patch.wildcards, catchAll,
                patch.wildcards == null ? wildcards : null);
    }

    /** Copies of the maps a patch changes: the exact names always, the wildcards once one changes. */
    private final class Patch {
        final Map<String, T> exact = new HashMap<>(HostSelector.this.exact);
        Map<String, T> wildcards;

        /** The map a hostname belongs in, or null for the catch-all (which a patch leaves to a rebuild). */
        /** @param name a lowercase hostname */
        Map<String, T> mapOf(String name) {
            if (isCatchAll(name)) {
                return null;
            }
            if (!name.startsWith("*.")) {
                return exact;
            }
            if (wildcards == null) {
                wildcards = new HashMap<>(wildcardSource);
            }
            return wildcards;
        }
    }

    private HostSelector(Map<String, T> exact, Map<String, T> wildcardSource, T catchAll, RegionMap<T> wildcards) {
        this.exact = exact;
        this.wildcardSource = wildcardSource;
        this.wildcards = wildcards != null ? wildcards : RegionMap.of(wildcardSource);
        this.catchAll = catchAll;
    }

    private static boolean isCatchAll(String name) {
        return name.isEmpty() || name.equals("*");
    }

    /** The map key of a lowercase exact or wildcard hostname: wildcards by their suffix with its leading dot. */
    private static String key(String name) {
        return name.startsWith("*.") ? name.substring(1) : name;
    }

    /** The entry for {@code host} (already normalised by {@link HostNames#normalize}), or null. */
    public T select(String host) {
        T found = exact.get(host);
        if (found != null) {
            return found;
        }
        if (!wildcards.isEmpty()) {
            // Walk the host from its end, keeping the hash of the suffix read so far (String.hashCode's polynomial,
            // built right to left); at each dot look the suffix up. Suffixes grow leftwards, so the last hit is the
            // longest. The dot must not be the first character: at least one non-empty label precedes the suffix.
            T longest = null;
            int hash = 0;
            int power = 1;
            for (int i = host.length() - 1; i > 0; i--) {
                char c = host.charAt(i);
                hash += c * power;
                power *= 31;
                if (c == '.') {
                    T value = wildcards.get(host, i, host.length(), hash);
                    if (value != null) {
                        longest = value;
                    }
                }
            }
            if (longest != null) {
                return longest;
            }
        }
        return catchAll;
    }

    /**
     * Every entry as (hostname, value), most specific first: exact names, then wildcards ({@code *.suffix}) longest
     * suffix first, then the catch-all {@code "*"}; for {@link RouteExplainer}, not for the request path.
     */
    List<Map.Entry<String, T>> entries() {
        List<Map.Entry<String, T>> entries = new ArrayList<>();
        exact.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> entries.add(Map.entry(entry.getKey(), entry.getValue())));
        wildcardSource.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, T> entry) -> -entry.getKey().length())
                        .thenComparing(Map.Entry::getKey))
                .forEach(entry -> entries.add(Map.entry("*" + entry.getKey(), entry.getValue())));
        if (catchAll != null) {
            entries.add(Map.entry("*", catchAll));
        }
        return entries;
    }

    /**
     * Whether {@code hostname} (exact, {@code *.suffix} or {@code "*"}) covers the normalised {@code host}, as
     * {@link #select} reads it: a wildcard needs at least one label before its suffix.
     */
    static boolean covers(String hostname, String host) {
        String name = hostname.toLowerCase(Locale.ROOT);
        if (isCatchAll(name)) {
            return true;
        }
        if (name.startsWith("*.")) {
            String suffix = name.substring(1);
            return host.length() > suffix.length() && host.endsWith(suffix);
        }
        return name.equals(host);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>(0);
    }

    /** A builder sized for about {@code expectedHostnames} entries. */
    public static <T> Builder<T> builder(int expectedHostnames) {
        return new Builder<>(expectedHostnames);
    }

    /** Collects hostnames; the first entry for a hostname wins (the IR lists the most specific first). */
    public static final class Builder<T> {

        private Map<String, T> exact;
        private final Map<String, T> wildcards = new HashMap<>();
        private T catchAll;

        private Builder(int expectedHostnames) {
            exact = new HashMap<>(expectedHostnames * 4 / 3 + 1);
        }

        /**
         * @param hostname exact, {@code *.suffix} or {@code "*"} (an empty hostname counts as {@code "*"})
         */
        public Builder<T> add(String hostname, T value) {
            requireNonNull(hostname, "hostname");
            requireNonNull(value, "value");
            String name = hostname.toLowerCase(Locale.ROOT);
            if (isCatchAll(name)) {
                if (catchAll == null) {
                    catchAll = value;
                }
            } else if (name.startsWith("*.")) {
                String suffix = name.substring(1);
                wildcards.putIfAbsent(suffix, value);
            } else {
                exact.putIfAbsent(name, value);
            }
            return this;
        }

        /** The selector; the builder must not be used afterwards (its exact-name map is handed over, not copied). */
        public HostSelector<T> build() {
            Map<String, T> built = exact;
            exact = null;
            return new HostSelector<>(built, wildcards, catchAll);
        }
    }
}
