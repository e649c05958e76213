package io.lintel.spi.filter;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What a filter may know about the request it runs for, beyond its head: the client connection, the rule, the
 * buffered body, attributes filters share, and the exchange's end. One context per exchange, shared by every filter
 * of the request; a filter gets it from {@link HttpNext#context()}.
 *
 * <p>Not thread-safe: use it on the exchange's {@linkplain #eventLoop() event loop}, which is where a filter runs.
 * A filter that went elsewhere (a check on a blocking executor) comes back through {@link #eventLoop()} or by calling
 * {@link HttpNext#proceed}, which hops back by itself.
 */
public interface HttpRequestContext {

    /** The client's address (the TCP peer; forwarding headers are the filter's to read). */
    SocketAddress remoteAddress();

    /** The gateway's address the client connected to. */
    SocketAddress localAddress();

    /** The TLS facts of the client connection, or empty on clear text (or a TLS connection relayed as is). */
    Optional<ClientTls> tls();

    /** The rule that selected the request. */
    RuleRef rule();

    /**
     * The whole request body, read-only, when a filter of the rule asked for it ({@link HttpFilter#needsRequestBody()}):
     * core then reads the body before the first filter runs, up to its bound (a longer body is answered 413 and no
     * filter runs), and forwards the same bytes to the backend afterwards. Empty when no filter of the rule asked
     * (the body then streams). A request without body has an empty buffer. Each call returns a new view of the same
     * bytes (its own position), never a data plane buffer.
     */
    Optional<ByteBuffer> requestBody();

    /** The value of a per-request attribute, or null. */
    <T> T attribute(RequestAttribute<T> key);

    /** Sets a per-request attribute; null removes it. */
    <T> void attribute(RequestAttribute<T> key, T value);

    /**
     * The exchange's event loop: a filter that went to another thread runs its continuation here to touch the
     * request, its head or this context again. Never block on it.
     */
    Executor eventLoop();

    /**
     * Calls {@code listener} once when the exchange ends: after its response was sent completely, or when it could not
     * be (client gone, backend reset, stream reset). On the event loop; a listener that throws is logged and does
     * not stop the others. A listener added after the end is called at once. Listeners must not block.
     */
    void onComplete(Consumer<ExchangeOutcome> listener);
}
