package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledBackend;
import io.lintel.spi.filter.HttpRequestHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends request copies (mirrors) of the exchanges of one event loop, fire-and-forget, through that loop's backend
 * connection pool: the answer is read and discarded, the connection goes back to the pool. At most
 * {@link #MAX_IN_FLIGHT} copies are in flight per event loop; more are dropped, so that a slow mirror backend can
 * never pile up work. A copy carries the request head as the filters left it, and the body only when it has
 * already arrived whole and is at most {@link #MAX_BODY_BYTES}; a request whose body is still streaming is not
 * copied. Nothing here ever reaches the exchange being copied.
 *
 * <p>Every method runs on the pool's event loop; no locks.
 */
public final class RequestMirrors {

    /** Copies in flight per event loop beyond which new ones are dropped. */
    public static final int MAX_IN_FLIGHT = 256;
    /** The largest body a copy carries. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RequestMirrors.class);

    private final BackendConnectionPool pool;
    private int inFlight;
    private long dropped;

    RequestMirrors(BackendConnectionPool pool) {
        this.pool = requireNonNull(pool, "pool");
    }

    /**
     * Sends a copy of {@code request} to an endpoint of {@code backend}, or drops it.
     *
     * @param hasBody whether the request has a body
     * @param body the body parts received so far when the whole body has arrived, else null (the copy is then
     *     dropped when {@code hasBody}); not consumed: the parts stay the exchange's
     */
    void send(CompiledBackend backend, HttpRequestHead request, boolean hasBody, ArrayDeque<HttpContent> body) {
        BackendEndpoint endpoint = backend.errorStatus() == 0 ? backend.pickEndpoint() : null;
        if (endpoint == null) {
            drop(backend, "it has no ready endpoint");
            return;
        }
        if (inFlight >= MAX_IN_FLIGHT) {
            drop(backend, MAX_IN_FLIGHT + " copies are in flight on this event loop");
            return;
        }
        ByteBuf content = null;
        if (hasBody) {
            content = copyOf(body);
            if (content == null) {
                drop(backend, "the request body has not arrived whole or is larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
        }
        inFlight++;
        new MirrorExchange(this, endpoint, copyOf(request, content), content).start();
    }

    BackendConnectionPool pool() {
        return pool;
    }

    /** Called once by each exchange when it ends, whatever the outcome. */
    void finished() {
        inFlight--;
    }

    /** Copies in flight now (for tests and diagnostics; call on the event loop). */
    public int inFlight() {
        return inFlight;
    }

    /** Copies dropped so far (for tests and diagnostics; call on the event loop). */
    public long dropped() {
        return dropped;
    }

    private void drop(CompiledBackend backend, String why) {
        dropped++;
        LOG.debug("not mirroring to {}: {}", backend.name(), why);
    }

    /** A copy of the body parts, or null when there is none to copy or it is too large. */
    private ByteBuf copyOf(ArrayDeque<HttpContent> body) {
        if (body == null) {
            return null;
        }
        int size = 0;
        for (HttpContent part : body) {
            size += part.content().readableBytes();
            if (size > MAX_BODY_BYTES) {
                return null;
            }
        }
        // shares the exchange's memory (retained duplicates): nothing is copied, and the exchange may go on using it
        CompositeByteBuf copy = Unpooled.compositeBuffer(Math.max(2, body.size()));
        for (HttpContent part : body) {
            if (part.content().isReadable()) {
                copy.addComponent(true, part.content().retainedDuplicate());
            }
        }
        return copy;
    }

    /** The head to send: the request as the filters left it, framed for the copied body alone. */
    private static HttpRequest copyOf(HttpRequestHead request, ByteBuf body) {
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
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.remove(HttpHeaderNames.EXPECT);
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        if (body != null) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.pathAndQuery(), headers);
    }
}
