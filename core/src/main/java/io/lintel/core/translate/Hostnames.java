package io.lintel.core.translate;

import java.util.Comparator;
import java.util.Optional;

/**
 * Gateway API hostname rules: {@code *.example.com} matches one or more labels in front of {@code example.com}
 * (never {@code example.com} itself); {@code "*"} stands for "no hostname", which matches every host.
 */
final class Hostnames {

    static final String ANY = "*";

    /**
     * Exact names first (longest first, then alphabetically), then wildcards from the longest suffix, then
     * {@code "*"}. The listeners' host maps are sorted by it (every route's hostnames are looked up and inserted):
     * written out, not a Comparator chain, because at 50 000 routes the chain's lambdas were ~6% of the first
     * translation.
     */
    static final Comparator<String> MOST_SPECIFIC_FIRST = Hostnames::compareMostSpecificFirst;

    private static int compareMostSpecificFirst(String a, String b) {
        int order = Integer.compare(specificity(a), specificity(b));
        if (order == 0) {
            order = Integer.compare(b.length(), a.length());
        }
        return order != 0 ? order : a.compareTo(b);
    }

    /** 0 for an exact name, 1 for a wildcard, 2 for {@code "*"}. */
    private static int specificity(String hostname) {
        return hostname.equals(ANY) ? 2 : hostname.startsWith("*.") ? 1 : 0;
    }

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
