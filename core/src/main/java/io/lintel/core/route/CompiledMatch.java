package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.netty.util.AsciiString;

/** One compiled route match: every condition must hold for {@link #rule()} to apply. Immutable. */
public final class CompiledMatch {

    /** A header condition; the name is an {@link AsciiString} for Netty's case-insensitive lookup. */
    record HeaderCondition(AsciiString name, ValueMatcher value) {}

    /** A query parameter condition. */
    record QueryCondition(String name, ValueMatcher value) {}

    private final String name;
    private final PathMatcher path;
    private final HeaderCondition[] headers;
    private final QueryCondition[] queryParams;
    private final String method;
    private final CompiledRule rule;

    CompiledMatch(String name, PathMatcher path, HeaderCondition[] headers, QueryCondition[] queryParams,
            String method, CompiledRule rule) {
        this.name = requireNonNull(name, "name");
        this.path = requireNonNull(path, "path");
        this.headers = headers;
        this.queryParams = queryParams;
        this.method = method;
        this.rule = requireNonNull(rule, "rule");
    }

    public boolean matches(RouteRequest request) {
        if (method != null && !method.equals(request.method())) {
            return false;
        }
        if (!path.matches(request.path())) {
            return false;
        }
        for (HeaderCondition header : headers) {
            if (!header.value().matches(request.header(header.name()))) {
                return false;
            }
        }
        for (QueryCondition query : queryParams) {
            if (!query.value().matches(request.queryParam(query.name()))) {
                return false;
            }
        }
        return true;
    }

    public String name() {
        return name;
    }

    PathMatcher path() {
        return path;
    }

    public CompiledRule rule() {
        return rule;
    }
}
