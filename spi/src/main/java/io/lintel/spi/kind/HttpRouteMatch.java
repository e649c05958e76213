package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One match of an {@link HttpRouteRule}: a request matches when all its parts do. Precedence among the matches of
 * every route of a hostname is HTTPRoute's (GEP-1016): exact path, then the longest prefix, then the longest regular
 * expression, then the method, the number of headers, the number of query parameters, then the oldest route.
 *
 * @param path the request path match
 * @param headers header matches, all of which must hold
 * @param queryParams query parameter matches, all of which must hold
 * @param method the request method it needs, if any
 */
public record HttpRouteMatch(PathMatch path, List<ValueMatch> headers, List<ValueMatch> queryParams,
        Optional<String> method) {

    public HttpRouteMatch {
        requireNonNull(path, "path");
        headers = List.copyOf(requireNonNull(headers, "headers"));
        queryParams = List.copyOf(requireNonNull(queryParams, "queryParams"));
        requireNonNull(method, "method");
    }

    /**
     * A match on the request path.
     *
     * @param type how {@code value} is matched
     * @param value the path (exact), the path prefix (whole segments; {@code /} matches every path), or the regular
     *     expression over the whole path (RE2 syntax)
     */
    public record PathMatch(PathMatchType type, String value) {

        /** Every path. */
        public static final PathMatch ANY = new PathMatch(PathMatchType.PREFIX, "/");

        public PathMatch {
            requireNonNull(type, "type");
            requireNonNull(value, "value");
        }
    }

    /** How a path is matched. */
    public enum PathMatchType {
        EXACT,
        /** Whole segments: {@code /a} matches {@code /a} and {@code /a/b}, not {@code /ab}. */
        PREFIX,
        REGULAR_EXPRESSION
    }

    /**
     * A match on a header (name case-insensitive) or a query parameter (name exact).
     *
     * @param regularExpression whether {@code value} is a regular expression over the whole value (RE2 syntax)
     *     rather than the exact value
     */
    public record ValueMatch(boolean regularExpression, String name, String value) {

        public ValueMatch {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }
    }
}
