package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * A ready TLS client setup for backend connections: the context (trust, identity check, client certificate) and the
 * SNI hostname. Part of a {@link BackendEndpoint}'s identity, so pooled TLS and clear-text connections (or connections
 * made with different settings) to one address never mix. Equal when made from equal settings.
 */
public final class BackendTls {

    private final String key;
    private final SslContext context;
    private final String hostname;
    private final String description;

    BackendTls(String key, SslContext context, String hostname, String description) {
        this.key = requireNonNull(key, "key");
        this.context = requireNonNull(context, "context");
        this.hostname = requireNonNull(hostname, "hostname");
        this.description = requireNonNull(description, "description");
    }

    /** A new client-mode handler sending {@link #hostname()} as SNI. Cheap; safe on an event loop. */
    public SslHandler newHandler(ByteBufAllocator allocator, int port) {
        return context.newHandler(allocator, hostname, port);
    }

    public String hostname() {
        return hostname;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendTls other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return description;
    }
}
