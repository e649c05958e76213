package io.lintel.core.translate;

import java.util.Comparator;
import java.util.Optional;

/**
 * Gateway API hostname rules: {@code *.example.com} matches one or more labels in front of {@code example.com}
 * (never {@code example.com} itself); {@code "*"} stands for "no hostname", which matches every host.
 */
final class Hostnames {

    static final String ANY = "*";

    /** Exact names first (alphabetically), then wildcards from the longest suffix, then {@code "*"}. */
    static final Comparator<String> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((String h) -> h.equals(ANY) ? 2 : h.startsWith("*.") ? 1 : 0)
            .thenComparing(Comparator.comparingInt(String::length).reversed())
            .thenComparing(Comparator.naturalOrder());

    /**
     * The hostnames both a listener and a route hostname accept, as one hostname (the more specific of the two), or
     * empty when they have none in common. Either may be {@code "*"} (none given).
     */
    static Optional<String> intersect(String listener, String route) {
        if (listener.equals(ANY)) {
            return Optional.of(route);
        }
        if (route.equals(ANY) || route.equals(listener)) {
            return Optional.of(listener);
        }
        if (covers(listener, route)) {
            return Optional.of(route);
        }
        if (covers(route, listener)) {
            return Optional.of(listener);
        }
        return Optional.empty();
    }

    /** True when every host {@code specific} matches is also matched by {@code general}. */
    static boolean covers(String general, String specific) {
        if (general.equals(ANY) || general.equals(specific)) {
            return true;
        }
        return general.startsWith("*.") && specific.endsWith(general.substring(1))
                && specific.length() > general.length() - 1;
    }

    private Hostnames() {}
}
