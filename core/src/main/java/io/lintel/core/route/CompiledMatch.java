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
        return firstFailedCondition(request) == NO_FAILURE;
    }

    /** What {@link #firstFailedCondition} returns when every condition holds. */
    static final int NO_FAILURE = -1;

    /**
     * The first condition {@code request} fails, in the order they are checked: 0 the method, 1 the path, then the
     * headers from 2, then the query parameters; {@link #NO_FAILURE} when the match applies. {@link #matches} is this
     * method, so that {@link RouteExplainer} tells exactly why the data plane passed a match over.
     */
    int firstFailedCondition(RouteRequest request) {
        if (method != null && !method.equals(request.method())) {
            return 0;
        }
        if (!path.matches(request.path())) {
            return 1;
        }
        for (int i = 0; i < headers.length; i++) {
            if (!headers[i].value().matches(request.header(headers[i].name()))) {
                return 2 + i;
            }
        }
        for (int i = 0; i < queryParams.length; i++) {
            if (!queryParams[i].value().matches(request.queryParam(queryParams[i].name()))) {
                return 2 + headers.length + i;
            }
        }
        return NO_FAILURE;
    }

    /**
     * Why condition {@code condition} (as numbered by {@link #firstFailedCondition}) rejected {@code request}: the
     * field, what the match requires, and what the request has.
     */
    MatchMismatch mismatch(int condition, RouteRequest request) {
        if (condition == 0) {
            return new MatchMismatch("method", "method", method, request.method());
        }
        if (condition == 1) {
            return new MatchMismatch("path", "path", path.describe(), request.path());
        }
        int header = condition - 2;
        if (header < headers.length) {
            HeaderCondition failed = headers[header];
            return new MatchMismatch("header", failed.name().toString(), failed.value().describe(),
                    request.header(failed.name()));
        }
        QueryCondition failed = queryParams[header - headers.length];
        return new MatchMismatch("query", failed.name(), failed.value().describe(), request.queryParam(failed.name()));
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
