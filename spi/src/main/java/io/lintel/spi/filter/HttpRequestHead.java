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
}
