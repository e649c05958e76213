package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The ordered matches of one hostname within a listener: the first that matches wins. A small host scans its
 * matches in order; a larger one (or one with several regular expressions) looks them up through a
 * {@link MatchIndex} (same result, evaluating only the matches the path can satisfy). Immutable and thread-safe; the compiler shares an instance across route tables
 * while its {@code IrVirtualHost} is unchanged.
 */
public final class CompiledVirtualHost {

    /**
     * Hosts whose {@link #scanCost} reaches this are indexed. Measured (RouteLookupBenchmark, 10 routes): a scan of
     * ten exact or prefix matches is as fast as the index (whose fixed cost is some 30 ns), a scan of ten regular
     * expressions four times slower.
     */
    static final int INDEX_THRESHOLD = 16;

    /** What evaluating a regular expression costs in a scan, relative to another path condition. */
    private static final int REGEX_SCAN_COST = 8;

    private final String hostname;
    private final CompiledMatch[] matches;
    private final MatchIndex index;

    public CompiledVirtualHost(String hostname, List<CompiledMatch> matches) {
        this(hostname, matches, INDEX_THRESHOLD);
    }

    CompiledVirtualHost(String hostname, List<CompiledMatch> matches, int indexThreshold) {
        this.hostname = requireNonNull(hostname, "hostname");
        this.matches = matches.toArray(new CompiledMatch[0]);
        this.index = scanCost(this.matches) >= indexThreshold ? new MatchIndex(this.matches) : null;
    }

    /** The relative cost of scanning every match: one per match, more for a regular expression. */
    static long scanCost(CompiledMatch[] matches) {
        long cost = 0;
        for (CompiledMatch match : matches) {
            cost += match.path().kind() == PathMatcher.Kind.REGULAR_EXPRESSION ? REGEX_SCAN_COST : 1;
        }
        return cost;
    }

    /** The rule of the first matching match, or null. */
    public CompiledRule route(RouteRequest request) {
        if (index != null) {
            int position = index.first(request);
            return position < 0 ? null : matches[position].rule();
        }
        for (CompiledMatch match : matches) {
            if (match.matches(request)) {
                return match.rule();
            }
        }
        return null;
    }

    public String hostname() {
        return hostname;
    }

    /** The matches in precedence order, for {@link RouteExplainer}. */
    List<CompiledMatch> matches() {
        return List.of(matches);
    }

    /** How many matches the host has. */
    public int size() {
        return matches.length;
    }

    boolean indexed() {
        return index != null;
    }
}
