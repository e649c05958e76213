package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The ordered matches of one hostname within a listener: the first that matches wins. A small host scans its
 * matches in order; a larger one looks them up through a {@link MatchIndex} (same result, evaluating only the
 * matches the path can satisfy). Immutable and thread-safe; the compiler shares an instance across route tables
 * while its {@code IrVirtualHost} is unchanged.
 */
public final class CompiledVirtualHost {

    /** From this many matches on, lookups go through the index (below, a scan is as fast: see the benchmarks). */
    static final int INDEX_THRESHOLD = 8;

    private final String hostname;
    private final CompiledMatch[] matches;
    private final MatchIndex index;

    public CompiledVirtualHost(String hostname, List<CompiledMatch> matches) {
        this(hostname, matches, INDEX_THRESHOLD);
    }

    CompiledVirtualHost(String hostname, List<CompiledMatch> matches, int indexThreshold) {
        this.hostname = requireNonNull(hostname, "hostname");
        this.matches = matches.toArray(new CompiledMatch[0]);
        this.index = this.matches.length >= indexThreshold ? new MatchIndex(this.matches) : null;
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

    /** How many matches the host has. */
    public int size() {
        return matches.length;
    }

    boolean indexed() {
        return index != null;
    }
}
