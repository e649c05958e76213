package io.lintel.spi.filter;

import java.time.Duration;

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

    /**
     * Limits the time the gateway takes to answer this request (GEP-1742 {@code timeouts.request}): counted from the
     * arrival of the request head until the response head is sent to the client; when it expires first, the data
     * plane cancels the backend exchange and answers 504. Never limits a response already under way (a streamed
     * body, an upgraded WebSocket, a gRPC stream). {@link Duration#ZERO} removes the limit; the last call wins.
     *
     * @throws UnsupportedOperationException when the data plane running the filter cannot enforce timeouts
     */
    default void requestTimeout(Duration timeout) {
        throw new UnsupportedOperationException("request timeouts are not supported by " + getClass().getName());
    }

    /**
     * Whether {@link HttpNext#proceed} may be called again for this request with its body (a retry): true when the data
     * plane holds every part of the body that has arrived so far, within its replay bound, so that a new attempt
     * sends the same body. A request without a body can always be sent again, whatever this says. The default is
     * false: a data plane that streams bodies without keeping them cannot replay them.
     */
    default boolean bodyReplayable() {
        return false;
    }

    /**
     * Limits each attempt to get a response from a backend (GEP-1742 {@code timeouts.backendRequest}, also the
     * per-try timeout of retries): counted from the start of each {@link HttpNext#proceed} that reaches a backend
     * (connecting included) until the backend's response head arrives. An expired attempt's backend connection is
     * closed and its stage fails with a failure core maps to 504, so a retrying filter may try again.
     * {@link Duration#ZERO} removes the limit; the last call wins.
     *
     * @throws UnsupportedOperationException when the data plane running the filter cannot enforce timeouts
     */
    default void backendRequestTimeout(Duration timeout) {
        throw new UnsupportedOperationException("backend timeouts are not supported by " + getClass().getName());
    }
}
