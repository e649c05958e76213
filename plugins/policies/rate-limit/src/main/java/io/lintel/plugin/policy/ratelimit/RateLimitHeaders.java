package io.lintel.plugin.policy.ratelimit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.List;

/**
 * The answers of one policy: the IETF httpapi {@code RateLimit-Policy} and {@code RateLimit} fields
 * (draft-ietf-httpapi-ratelimit-headers: a Structured Fields list with one item per limit, {@code "id";q=quota;w=window}
 * and {@code "id";r=remaining;t=seconds-to-reset}), 429 with {@code Retry-After}, and for gRPC requests the
 * trailers-only {@code RESOURCE_EXHAUSTED}.
 */
final class RateLimitHeaders {

    static final String POLICY = "ratelimit-policy";
    static final String RATE_LIMIT = "ratelimit";
    static final String RETRY_AFTER = "retry-after";
    /** gRPC {@code RESOURCE_EXHAUSTED}: what a rate limit is in gRPC terms. */
    static final int GRPC_RESOURCE_EXHAUSTED = 8;
    /** gRPC {@code UNAVAILABLE}: failMode Closed with Redis unreachable. */
    static final int GRPC_UNAVAILABLE = 14;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final byte[] LIMITED_BODY = "rate limit exceeded\n".getBytes(US_ASCII);
    private static final byte[] UNAVAILABLE_BODY = "rate limit store unavailable\n".getBytes(US_ASCII);

    private final List<Limit> limits;
    private final String policyValue;
    private final boolean onAllowed;

    RateLimitHeaders(List<Limit> limits, boolean onAllowed) {
        this.limits = List.copyOf(limits);
        StringBuilder policy = new StringBuilder();
        for (Limit limit : limits) {
            if (policy.length() > 0) {
                policy.append(", ");
            }
            policy.append('"').append(limit.id()).append("\";q=").append(limit.requests())
                    .append(";w=").append(limit.unit().window().toSeconds());
        }
        this.policyValue = policy.toString();
        this.onAllowed = onAllowed;
    }

    /** Whether allowed responses carry the fields too. */
    boolean onAllowed() {
        return onAllowed;
    }

    /** A builder sized for this policy's {@code RateLimit} value. */
    StringBuilder newRateLimitValue() {
        // an item is about 40 characters ("name-0";r=4999;t=3599, ): sized so that it never grows
        return new StringBuilder(48 * limits.size());
    }

    /** Adds limit {@code index}'s item to a {@code RateLimit} value. */
    void appendItem(StringBuilder value, int index, long remaining, long secondsToReset) {
        if (value.length() > 0) {
            value.append(", ");
        }
        value.append('"').append(limits.get(index).id()).append("\";r=").append(remaining)
                .append(";t=").append(secondsToReset);
    }

    /** Puts both fields on a response. */
    HttpResponseHead decorate(HttpResponseHead response, CharSequence rateLimitValue) {
        response.headers().set(POLICY, policyValue);
        response.headers().set(RATE_LIMIT, rateLimitValue.toString());
        return response;
    }

    /** The answer to a request over a limit: 429 with {@code Retry-After}, or gRPC {@code RESOURCE_EXHAUSTED}. */
    HttpResponseHead limited(HttpNext next, HttpRequestHead request, CharSequence rateLimitValue, long retryAfterSeconds) {
        HttpResponseHead response = isGrpc(request)
                ? grpc(next, GRPC_RESOURCE_EXHAUSTED, "rate%20limit%20exceeded")
                : next.respond(429, TEXT, LIMITED_BODY.clone());
        response.headers().set(RETRY_AFTER, Long.toString(retryAfterSeconds));
        return decorate(response, rateLimitValue);
    }

    /**
     * The answer when the store cannot count and failMode is Closed: 503 with {@code Retry-After: 1} (not 429: the
     * client did nothing wrong, the gateway cannot tell), or gRPC {@code UNAVAILABLE}.
     */
    HttpResponseHead unavailable(HttpNext next, HttpRequestHead request) {
        HttpResponseHead response = isGrpc(request)
                ? grpc(next, GRPC_UNAVAILABLE, "rate%20limit%20store%20unavailable")
                : next.respond(503, TEXT, UNAVAILABLE_BODY.clone());
        response.headers().set(RETRY_AFTER, "1");
        return response;
    }

    /** A trailers-only gRPC answer: HTTP 200, no body, the status in the headers. */
    private static HttpResponseHead grpc(HttpNext next, int status, String encodedMessage) {
        HttpResponseHead response = next.respond(200, "application/grpc", new byte[0]);
        response.headers().set("grpc-status", Integer.toString(status));
        response.headers().set("grpc-message", encodedMessage);
        return response;
    }

    static boolean isGrpc(HttpRequestHead request) {
        String contentType = request.headers().get("content-type");
        return contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16);
    }
}
