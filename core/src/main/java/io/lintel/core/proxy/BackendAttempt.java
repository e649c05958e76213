package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledBackend;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;

/**
 * One try of an {@link Exchange} at a backend endpoint (the first, or one per retry of a filter): the endpoint and the
 * backend it was picked from, the connection the try got (an idle pooled one, or a new one), how far the request has
 * been written on it, and whether that connection may carry another request once the response has ended. The exchange
 * holds its current attempt and decides; a connect or deferred step that completes for an attempt that is no longer
 * current finds out by identity and gives its connection back.
 *
 * <p>Threading: the exchange's event loop, which is also its backend connections' (pools are per event loop).
 */
final class BackendAttempt {

    /** How far the request has been written on the attempt's connection. */
    private enum Sending {
        /** No connection yet (connecting, or deferred). */
        NONE,
        /** The head is written; body parts follow as they arrive. */
        STREAMING,
        /** The whole request is written. */
        SENT
    }

    private final CompiledBackend backend;
    private final BackendEndpoint endpoint;
    private BackendHandler connection;
    private Sending sending = Sending.NONE;
    /** The connection came from the pool: the backend may have closed it just as it was taken. */
    private boolean pooled;
    /** The response head lets the connection carry another request. */
    private boolean reusable;

    /** @param backend the backend {@code endpoint} was picked from: told how the endpoint did (passive health) */
    BackendAttempt(CompiledBackend backend, BackendEndpoint endpoint) {
        this.backend = backend;
        this.endpoint = endpoint;
    }

    BackendEndpoint endpoint() {
        return endpoint;
    }

    /** The connection the request is written to, or null (not yet connected, or given up). */
    BackendHandler connection() {
        return connection;
    }

    /** Whether any of the request has been written on a connection (a new attempt must send it again). */
    boolean sending() {
        return sending != Sending.NONE;
    }

    /** Whether the whole request has been written. */
    boolean sent() {
        return sending == Sending.SENT;
    }

    // ---- getting a connection ----------------------------------------------------------------------------------

    /** An idle pooled connection to the endpoint, or null: the caller attaches it. */
    BackendHandler pollIdle(BackendConnectionPool pool) {
        BackendHandler idle = pool.pollIdle(endpoint);
        pooled = idle != null;
        return idle;
    }

    /** Opens a new connection to the endpoint. */
    Future<BackendHandler> open(BackendConnectionPool pool) {
        pooled = false;
        return pool.open(endpoint);
    }

    /**
     * Takes {@code handler} for this attempt, with {@code listener} told of its events, and writes the request: its
     * head, then the body parts received so far (taken from {@code pending}), then its end when the request is
     * complete. Without a body and with core's own codec, head and end go as one message (one trip through the
     * backend pipeline, one buffer; the empty last part the client's decoder still delivers is dropped when it comes).
     * Flushes unless {@code flushLater} (inside a client read, whose end flushes once for all it produced), and asks
     * for the response.
     */
    void attach(BackendHandler handler, BackendListener listener, HttpRequest head, boolean hasBody,
            ArrayDeque<HttpContent> pending, boolean complete, boolean flushLater) {
        connection = handler;
        handler.attach(listener);
        Channel channel = handler.channel();
        sending = Sending.STREAMING;
        if (!hasBody && handler.acceptsFullRequests()) {
            Exchange.releaseAll(pending);
            channel.write(new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                    Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE), channel.voidPromise());
            sending = Sending.SENT;
        } else {
            channel.write(head, channel.voidPromise());
            HttpContent content;
            while (pending != null && (content = pending.poll()) != null) {
                channel.write(content, channel.voidPromise());
                if (content instanceof LastHttpContent) {
                    sending = Sending.SENT;
                }
            }
            if (complete && sending != Sending.SENT) {
                channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
                sending = Sending.SENT;
            }
        }
        if (!flushLater) {
            channel.flush();
        }
        channel.read();
    }

    // ---- the request body --------------------------------------------------------------------------------------

    /**
     * Writes a body part that arrived after the head, when the head is out on a connection; false when it is not
     * (the caller queues the part for {@link #attach}). Takes ownership of {@code content} when it returns true.
     */
    boolean writeBodyPart(HttpContent content) {
        BackendHandler current = connection;
        if (sending != Sending.STREAMING || current == null) {
            return false;
        }
        current.channel().write(content, current.channel().voidPromise());
        if (content instanceof LastHttpContent) {
            sending = Sending.SENT;
        }
        return true;
    }

    /** Flushes what was written to the connection. */
    void flush() {
        BackendHandler current = connection;
        if (current != null && sending != Sending.NONE) {
            current.channel().flush();
        }
    }

    /** Whether the connection takes more of the request body now. */
    boolean writable() {
        BackendHandler current = connection;
        return current != null && sending != Sending.NONE && current.channel().isWritable();
    }

    /** Asks the connection for more of the response. */
    void read() {
        BackendHandler current = connection;
        if (current != null) {
            current.channel().read();
        }
    }

    // ---- the response ------------------------------------------------------------------------------------------

    /** The final response head arrived: notes whether the connection may be reused and how the endpoint did. */
    void answered(HttpResponse response) {
        reusable = HopByHopHeaders.keepAlive(response);
        if (response.status().code() >= 500) {
            backend.failed(endpoint);
        } else {
            backend.succeeded(endpoint);
        }
    }

    /** The endpoint could not be reached or broke off before answering (passive health). */
    void endpointFailed() {
        backend.failed(endpoint);
    }

    /**
     * Whether the connection that closed before anything was answered on it ({@link #forgetConnection}) may be
     * replaced: it came from the pool and the request has no body, so the backend most likely closed it as its
     * keep-alive ran out while it was being reused and nothing was processed. True once: the new one is not pooled.
     */
    boolean lostPooledConnection(boolean requestHasBody) {
        if (!pooled || requestHasBody) {
            return false;
        }
        pooled = false;
        sending = Sending.NONE;
        return true;
    }

    /** The connection closed (or is given up): forgets it without touching it. */
    void forgetConnection() {
        connection = null;
    }

    /** Gives the connection up: detached and closed, whatever it was doing. */
    void close() {
        BackendHandler current = connection;
        if (current != null) {
            connection = null;
            current.detach();
            current.channel().close();
        }
    }

    /**
     * The response has ended: the connection goes back to {@code pool} when the whole request went out and the
     * response allows another request on it, else it is closed.
     */
    void finish(BackendConnectionPool pool) {
        BackendHandler current = connection;
        if (current == null) {
            return;
        }
        connection = null;
        current.detach();
        if (reusable && sending == Sending.SENT && current.channel().isActive()) {
            pool.release(current);
        } else {
            current.channel().close();
        }
    }
}
