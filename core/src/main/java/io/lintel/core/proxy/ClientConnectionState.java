package io.lintel.core.proxy;

import io.lintel.spi.filter.ClientTls;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * What the exchanges of one client connection share, whichever HTTP/2 stream they come on: facts of the connection
 * read once (the client's address, whether it is a trusted proxy, the TLS server name and facts), the event loop's
 * backend pool, and whether the connection failed. An HTTP/1.1 connection's {@link ProxyHandler} makes its own; an
 * HTTP/2 connection has one for the handlers of all its streams, so that a stream (one request) looks none of them
 * up again: per stream, the address formatting, the attribute and pipeline searches on the parent channel, and the
 * pool's map lookup cost more than the exchange's own routing.
 *
 * <p>Event loop only (the connection's, which its streams share).
 */
public final class ClientConnectionState {

    private final Channel connection;
    private final BackendConnectionPool pool;
    private String clientAddress;
    private Boolean clientTrusted;
    /** Null until read; {@code ""} without TLS or SNI ({@link TlsServerName}). */
    private String serverName;
    private Optional<ClientTls> clientTls;
    private boolean failed;
    private RequestDeadlines deadlines;
    /** HTTP/2 exchanges whose backend step waits for the end of the connection's current read; made on first use. */
    private ArrayDeque<Exchange> deferred;
    private final Runnable runDeferred = this::runDeferred;

    /** @param connection the client's connection (for HTTP/2, the parent of the stream channels) */
    public ClientConnectionState(ProxyContext context, Channel connection) {
        this.connection = connection;
        this.pool = context.pools().forLoop(connection.eventLoop());
    }

    /** The event loop's backend connection pool. */
    BackendConnectionPool pool() {
        return pool;
    }

    /** The request timeouts of the connection's exchanges, made on first use. */
    RequestDeadlines deadlines() {
        RequestDeadlines made = deadlines;
        if (made == null) {
            made = new RequestDeadlines(connection.eventLoop());
            deadlines = made;
        }
        return made;
    }

    /**
     * Runs {@code exchange}'s backend step ({@link Exchange#useDeferredBackend}) in a task after the current read of
     * the connection: the client may reset the stream in the very frames that carried its HEADERS (rapid reset). One
     * task for all the streams a read opened, rather than one each.
     */
    void deferBackend(Exchange exchange) {
        ArrayDeque<Exchange> queue = deferred;
        if (queue == null) {
            queue = new ArrayDeque<>(8);
            deferred = queue;
        }
        if (queue.isEmpty()) {
            connection.eventLoop().execute(runDeferred);
        }
        queue.add(exchange);
    }

    private void runDeferred() {
        ArrayDeque<Exchange> queue = deferred;
        Exchange next;
        // what the backend steps defer meanwhile (nothing: no client read runs here) would join this batch
        while ((next = queue.poll()) != null) {
            next.useDeferredBackend();
        }
    }

    /** The connection closed: no timer of it stays scheduled. */
    public void close() {
        if (deadlines != null) {
            deadlines.close();
        }
    }

    /** The client's address as the forwarding headers carry it. */
    String clientAddress() {
        String address = clientAddress;
        if (address == null) {
            address = ForwardedRequestHeaders.clientAddress(connection.remoteAddress());
            clientAddress = address;
        }
        return address;
    }

    /**
     * Whether the client is a proxy whose forwarding headers are believed: a fact of the connection, decided on its
     * first request rather than on each (with trusted address blocks, a copy of the peer's address and a scan).
     */
    boolean clientTrusted() {
        Boolean trusted = clientTrusted;
        if (trusted == null) {
            trusted = TrustedProxies.configured().trusts(connection.remoteAddress());
            clientTrusted = trusted;
        }
        return trusted;
    }

    /**
     * The connection's TLS server name ({@link TlsServerName}), or null on clear text or without SNI. Read when the
     * first request is routed: by then the handshake is done.
     */
    String serverName() {
        String name = serverName;
        if (name == null) {
            name = TlsServerName.of(connection);
            serverName = name;
        }
        return name.isEmpty() ? null : name;
    }

    /** The TLS facts of the connection (empty on clear text), read once. */
    Optional<ClientTls> clientTls() {
        Optional<ClientTls> known = clientTls;
        if (known == null) {
            known = ClientTlsFacts.of(connection);
            clientTls = known;
        }
        return known;
    }

    /**
     * Marks an HTTP/2 connection whose codec has failed it (a flood bound such as too many resets, or a protocol
     * error): it is sending GOAWAY and will close the connection, and until it has, its streams' exchanges that have
     * not reached a backend yet must not. The stream reset that trips the rapid-reset bound, for one, is never passed
     * on as a reset: without the mark, the stream it was meant to cancel would still be sent to its backend.
     */
    public void markFailed() {
        failed = true;
    }

    /** Whether the connection failed ({@link #markFailed}) or closed. */
    boolean failed() {
        return failed || !connection.isActive();
    }
}
