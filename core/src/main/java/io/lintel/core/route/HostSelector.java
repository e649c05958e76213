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
 * one or more labels) with the longest suffix, then the catch-all {@code "*"}. Immutable; lookups allocate nothing.
 *
 * @param <T> what a hostname selects
 */
public final class HostSelector<T> {

    private final Map<String, T> exact;
    private final String[] wildcardSuffixes;
    private final List<T> wildcardValues;
    private final T catchAll;

    private HostSelector(Map<String, T> exact, List<Map.Entry<String, T>> wildcards, T catchAll) {
        this.exact = exact;
        this.wildcardSuffixes = new String[wildcards.size()];
        this.wildcardValues = new ArrayList<>(wildcards.size());
        for (int i = 0; i < wildcards.size(); i++) {
            wildcardSuffixes[i] = wildcards.get(i).getKey();
            wildcardValues.add(wildcards.get(i).getValue());
        }
        this.catchAll = catchAll;
    }

    /** The entry for {@code host} (already normalised by {@link HostNames#normalize}), or null. */
    public T select(String host) {
        T found = exact.get(host);
        if (found != null) {
            return found;
        }
        for (int i = 0; i < wildcardSuffixes.length; i++) {
            String suffix = wildcardSuffixes[i];
            // the suffix keeps its leading dot, so at least one non-empty label must precede it
            if (host.length() > suffix.length() && host.endsWith(suffix)) {
                return wildcardValues.get(i);
            }
        }
        return catchAll;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Collects hostnames; the first entry for a hostname wins (the IR lists the most specific first). */
    public static final class Builder<T> {

        private final Map<String, T> exact = new HashMap<>();
        private final Map<String, T> wildcards = new HashMap<>();
        private final List<String> wildcardOrder = new ArrayList<>();
        private T catchAll;

        private Builder() {}

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
                if (wildcards.putIfAbsent(suffix, value) == null) {
                    wildcardOrder.add(suffix);
                }
            } else {
                exact.putIfAbsent(name, value);
            }
            return this;
        }

        public HostSelector<T> build() {
            List<Map.Entry<String, T>> ordered = new ArrayList<>();
            for (String suffix : wildcardOrder) {
                ordered.add(Map.entry(suffix, wildcards.get(suffix)));
            }
            ordered.sort(Comparator.comparingInt((Map.Entry<String, T> e) -> e.getKey().length()).reversed());
            return new HostSelector<>(Map.copyOf(exact), ordered, catchAll);
        }
    }
}
