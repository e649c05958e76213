package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A request a filter sends to a backend of its own and waits for ({@link HttpNext#callout}), e.g. an authorization
 * check. Plain values, so that a filter builds one without core's types; core adds {@code Content-Length} (the body's
 * length) and drops connection-level headers.
 *
 * @param method the request method, e.g. {@code GET}
 * @param pathAndQuery the request target, starting with {@code /}
 * @param authority the {@code Host} (HTTP/1.1) or {@code :authority} (HTTP/2) to send
 * @param headers the headers to send, in order (a name may repeat)
 * @param body the body (empty for none); the array is the caller's and is not changed
 * @param timeout how long to wait for the whole response once the request is handed to core; it then fails with a
 *     {@link java.util.concurrent.TimeoutException}
 * @param maxResponseBytes the longest response body taken; a longer one fails the callout
 */
public record CalloutRequest(String method, String pathAndQuery, String authority,
        List<Map.Entry<String, String>> headers, byte[] body, Duration timeout, int maxResponseBytes) {

    public CalloutRequest {
        requireNonNull(method, "method");
        requireNonNull(pathAndQuery, "pathAndQuery");
        requireNonNull(authority, "authority");
        headers = List.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(body, "body");
        requireNonNull(timeout, "timeout");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with '/': " + pathAndQuery);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative: " + maxResponseBytes);
        }
    }
}
