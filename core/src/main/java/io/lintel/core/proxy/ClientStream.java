package io.lintel.core.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;

/**
 * Where an {@link Exchange} (and the {@link ProxyHandler} that starts it) writes the response and asks for more of
 * the request: an HTTP/1.x connection or one HTTP/2 stream. The messages are HTTP/1.x objects (a response head, body
 * parts, a last part with trailers, or a whole response); how they reach the client (HTTP/1.x encoding, HTTP/2
 * frames) is the stream's business. Writes take ownership of the message and report nothing back: a failed write
 * closes the stream, which the owner learns as the stream's end.
 *
 * <p>One per connection or stream, used on its event loop only.
 */
public interface ClientStream {

    /** The event loop the stream (and its exchanges, and their backend connections) run on. */
    EventExecutor executor();

    /** The client's connection: its addresses, for filters and logs. */
    Channel connection();

    /** Queues {@code message} for the client (flushed by {@link #flush}). */
    void write(Object message);

    /** Sends what was queued. */
    void flush();

    /** Writes and flushes {@code message}. */
    default void writeAndFlush(Object message) {
        write(message);
        flush();
    }

    /**
     * Writes and flushes {@code message}, then closes the stream once it is written: an HTTP/1.x connection closes;
     * an HTTP/2 stream whose request has not ended is reset ({@code CANCEL}), since its client is still sending.
     */
    void writeFlushAndClose(Object message);

    /** Asks for the next part of the request (the stream is read only when asked). */
    void read();

    /** Whether the client takes more of the response now; when it changes back, the owner is told. */
    boolean isWritable();

    /** Whether the stream is still open. */
    boolean isActive();

    /** Closes the stream now (an HTTP/2 stream is reset, unless it ended both ways). */
    void close();
}
