package io.lintel.core.proxy;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining: the messages of requests a client sent before the current exchange was answered, held in
 * arrival order and served one exchange after another once the current one has finished.
 *
 * <p>Created by the proxy handler of an HTTP/1.x connection when a client first pipelines; HTTP/2 streams never
 * need it. Owns the held messages (and their buffers) until {@link #serve} hands them to the handler, which then owns
 * them, or {@link #releaseAll} releases them. Threading: the client channel's event loop only.
 */
final class PipelinedRequests {

    private final ArrayDeque<Object> held = new ArrayDeque<>(4);
    private boolean serving;

    /** Holds a message read while the current exchange is still being answered. */
    void hold(Object msg) {
        held.add(msg);
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Whether held messages are being handed to the handler right now (they must not be held again). */
    boolean serving() {
        return serving;
    }

    /**
     * Hands held messages to {@code handler} in order, until it is busy answering a complete request, the
     * connection has closed or nothing is held any more.
     */
    void serve(ProxyHandler handler, Channel client) {
        serving = true;
        try {
            Object next;
            while (!handler.answeringCompleteRequest() && client.isActive() && (next = held.poll()) != null) {
                handler.dispatch(next);
            }
        } finally {
            serving = false;
        }
    }

    /** Releases what is held: the connection closed. */
    void releaseAll() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
