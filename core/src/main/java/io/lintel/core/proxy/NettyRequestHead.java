package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpRequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** {@link HttpRequestHead} over the Netty request that will be forwarded; changes apply to it directly. */
public final class NettyRequestHead implements HttpRequestHead {

    private final HttpRequest request;
    private final String scheme;
    private final String authority;
    private final String matchedPathPrefix;
    private HttpHeadersView headers;
    private long requestTimeoutNanos;
    private boolean timeoutsSet;
    private long backendRequestTimeoutNanos;
    private BooleanSupplier bodyReplayable = () -> false;

    /**
     * @param authority the host the client asked for, kept unchanged for {@link #authority()}
     * @param matchedPathPrefix the PathPrefix value of the route match that selected the request, or ""
     */
    public NettyRequestHead(HttpRequest request, String scheme, String authority, String matchedPathPrefix) {
        this.request = requireNonNull(request, "request");
        this.scheme = requireNonNull(scheme, "scheme");
        this.authority = authority == null ? "" : authority;
        this.matchedPathPrefix = requireNonNull(matchedPathPrefix, "matchedPathPrefix");
    }

    @Override
    public String matchedPathPrefix() {
        return matchedPathPrefix;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public void authority(String authority) {
        request.headers().set(HttpHeaderNames.HOST, requireNonNull(authority, "authority"));
    }

    @Override
    public String pathAndQuery() {
        return request.uri();
    }

    @Override
    public void pathAndQuery(String pathAndQuery) {
        request.setUri(requireNonNull(pathAndQuery, "pathAndQuery"));
    }

    @Override
    public HttpHeadersView headers() {
        HttpHeadersView view = headers;
        if (view == null) {
            view = new NettyHeadersView(request.headers());
            headers = view;
        }
        return view;
    }

    @Override
    public boolean bodyReplayable() {
        return bodyReplayable.getAsBoolean();
    }

    /** Where {@link #bodyReplayable()} asks (the exchange's {@link ReplayableRequestBody}). */
    void bodyReplayable(BooleanSupplier replayable) {
        this.bodyReplayable = requireNonNull(replayable, "replayable");
    }

    @Override
    public void requestTimeout(Duration timeout) {
        requestTimeoutNanos = nanos(timeout, "timeout");
        timeoutsSet = true;
    }

    @Override
    public void backendRequestTimeout(Duration timeout) {
        backendRequestTimeoutNanos = nanos(timeout, "timeout");
        timeoutsSet = true;
    }

    /** Whether a filter set either timeout, even to zero (no limit): the data plane's default then does not apply. */
    boolean timeoutsSet() {
        return timeoutsSet;
    }

    /** The request timeout a filter set, in nanoseconds; 0 for none. */
    long requestTimeoutNanos() {
        return requestTimeoutNanos;
    }

    /** The per-attempt backend timeout a filter set, in nanoseconds; 0 for none. */
    long backendRequestTimeoutNanos() {
        return backendRequestTimeoutNanos;
    }

    private static long nanos(Duration timeout, String name) {
        requireNonNull(timeout, name);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(name + ": " + timeout + " (expected: >= 0)");
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;  // centuries: no limit in practice
        }
    }

    HttpRequest request() {
        return request;
    }
}
