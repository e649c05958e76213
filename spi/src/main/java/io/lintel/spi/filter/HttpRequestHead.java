package io.lintel.spi.filter;

/**
 * The request line and headers of one exchange, mutable by filters before the request is sent on. Belongs to one
 * exchange; not thread-safe.
 */
public interface HttpRequestHead {

    String method();

    /** {@code http} or {@code https}: how the client reached the gateway. */
    String scheme();

    /** The host the client asked for (Host header or {@code :authority}), without changes by filters. */
    String authority();

    /** Replaces the authority sent to the backend. */
    void authority(String authority);

    /** The path and query as sent to the backend. */
    String pathAndQuery();

    void pathAndQuery(String pathAndQuery);

    HttpHeadersView headers();

    /**
     * The value of the {@code PathPrefix} match that selected this request, as written in the route (e.g.
     * {@code /foo} or {@code /foo/}), or {@code ""} when the selecting match is of another type. Filters that replace
     * the matched prefix ({@code ReplacePrefixMatch} in {@code URLRewrite} and {@code RequestRedirect}) read it here,
     * because one rule may have several matches and only the data plane knows which one selected the request.
     */
    default String matchedPathPrefix() {
        return "";
    }
}
