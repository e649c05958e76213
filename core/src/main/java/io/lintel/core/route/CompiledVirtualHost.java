package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The ordered matches of one hostname within a listener: the first that matches wins. */
public final class CompiledVirtualHost {

    private final String hostname;
    private final CompiledMatch[] matches;

    public CompiledVirtualHost(String hostname, List<CompiledMatch> matches) {
        this.hostname = requireNonNull(hostname, "hostname");
        this.matches = matches.toArray(new CompiledMatch[0]);
    }

    /** The rule of the first matching match, or null. */
    public CompiledRule route(RouteRequest request) {
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
}
