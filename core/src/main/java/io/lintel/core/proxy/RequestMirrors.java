package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledBackend;
import io.lintel.spi.filter.HttpRequestHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends request copies (mirrors) of the exchanges of one event loop, fire-and-forget, through that loop's backend
 * connection pool: the answer is read and discarded, the connection goes back to the pool. A copy carries the request
 * head as the filters left it and the request body as it streams in ({@link MirrorExchange}); a copy that falls more
 * than {@code maxPendingBytes} behind is dropped, and at most {@link #MAX_IN_FLIGHT} copies are in flight per event
 * loop (more are dropped), so that a slow mirror backend can never pile up work or memory. Nothing here ever reaches
 * the exchange being copied: no backpressure, no failure. Every copy is counted in the metrics, and every drop with
 * its {@link MirrorDropReason}.
 *
 * <p>Every method runs on the pool's event loop; no locks.
 */
public final class RequestMirrors {

    /** Copies in flight per event loop beyond which new ones are dropped. */
    public static final int MAX_IN_FLIGHT = 256;

    private static final Logger LOG = LoggerFactory.getLogger(RequestMirrors.class);

    private final BackendConnectionPool pool;
    private final long maxPendingBytes;
    private final ProxyMetrics metrics;
    private int inFlight;
    private long dropped;

    RequestMirrors(BackendConnectionPool pool, long maxPendingBytes, ProxyMetrics metrics) {
        this.pool = requireNonNull(pool, "pool");
        this.maxPendingBytes = maxPendingBytes;
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * Sends a copy of {@code request} to an endpoint of {@code backend}, or drops it.
     *
     * @param hasBody whether the request has a body
     * @param bodyComplete whether the whole body has arrived
     * @param received the body parts received so far, in order (not consumed: they stay the caller's), or null when
     *     they are no longer at hand (the copy is then dropped when {@code hasBody})
     * @return the copy when it waits for more body parts ({@link MirrorExchange#offer} each, and
     *     {@link MirrorExchange#abort} it if the body never ends), else null
     */
    MirrorExchange send(CompiledBackend backend, HttpRequestHead request, boolean hasBody, boolean bodyComplete,
            Iterable<HttpContent> received) {
        metrics.mirrorRequested();
        BackendEndpoint endpoint = backend.pickServingEndpoint();
        if (endpoint == null) {
            drop(MirrorDropReason.CONNECT, backend.name() + " has no ready endpoint");
            return null;
        }
        if (inFlight >= MAX_IN_FLIGHT) {
            drop(MirrorDropReason.OVERLOAD, MAX_IN_FLIGHT + " copies are in flight on this event loop");
            return null;
        }
        if (hasBody && received == null) {
            drop(MirrorDropReason.ERROR, "the start of the request body is no longer held (it streamed to a backend)");
            return null;
        }
        inFlight++;
        MirrorExchange copy = new MirrorExchange(this, endpoint, headOf(request, hasBody), hasBody, maxPendingBytes);
        if (hasBody) {
            for (HttpContent part : received) {
                if (!copy.offer(part)) {
                    break;
                }
            }
            if (bodyComplete && copy.wantsBody()) {
                // complete without an explicit end among the parts (e.g. an aggregated request): end it here
                copy.offer(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        }
        copy.start();
        return copy.wantsBody() ? copy : null;
    }

    BackendConnectionPool pool() {
        return pool;
    }

    /** Called once by each copy when it ends, whatever the outcome. */
    void finished() {
        inFlight--;
    }

    /** Counts and logs a copy given up. */
    void drop(MirrorDropReason reason, String why) {
        dropped++;
        metrics.mirrorDropped(reason);
        LOG.debug("dropping a request copy ({}): {}", reason.label(), why);
    }

    /** Copies in flight now (for tests and diagnostics; call on the event loop). */
    public int inFlight() {
        return inFlight;
    }

    /** Copies dropped so far (for tests and diagnostics; call on the event loop). */
    public long dropped() {
        return dropped;
    }

    /**
     * The head to send: the request as the filters left it, framed for the body copied byte for byte: its
     * Content-Length when it has one, else chunked (an HTTP/2 request without content-length, a chunked one).
     */
    private static HttpRequest headOf(HttpRequestHead request, boolean hasBody) {
        HttpHeaders headers;
        if (request instanceof NettyRequestHead netty) {
            headers = netty.request().headers().copy();
        } else {
            headers = new DefaultHttpHeaders();
            for (Map.Entry<String, String> header : request.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            if (!headers.contains(HttpHeaderNames.HOST) && !request.authority().isEmpty()) {
                headers.set(HttpHeaderNames.HOST, request.authority());
            }
        }
        boolean chunked = headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)
                || !headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        // the copy sends its body without waiting for a 100 Continue, so it does not ask for one
        headers.remove(HttpHeaderNames.EXPECT);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (!hasBody) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (chunked) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.pathAndQuery(), headers);
    }
}
