package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
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
    private final T catchAll;

    private HostSelector(Map<String, T> exact, Map<String, T> wildcards, T catchAll) {
        this.exact = exact;
        this.wildcards = RegionMap.of(wildcards);
        this.catchAll = catchAll;
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
            if (name.isEmpty() || name.equals("*")) {
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
