package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;

/**
 * The TLS side of an HTTPS socket: which certificate (as an {@link SslContext}) a handshake gets for the server name
 * (SNI) the client sent. The most specific listener wins: exact hostname, then the longest wildcard, then the
 * catch-all listener; without SNI, or when nothing matches, the catch-all listener, else the first (most specific)
 * one. Immutable.
 */
public final class CompiledTls {

    private final HostSelector<SslContext> byHostname;
    private final SslContext fallback;

    /**
     * @param byHostname contexts by listener hostname
     * @param fallback for a handshake without SNI or with a name no listener has; null when the socket has no usable
     *     certificate at all (handshakes then fail)
     */
    public CompiledTls(HostSelector<SslContext> byHostname, SslContext fallback) {
        this.byHostname = requireNonNull(byHostname, "byHostname");
        this.fallback = fallback;
    }

    /** The context for a server name (as sent, any case; null or empty when the client sent none), or null. */
    public SslContext select(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return fallback;
        }
        SslContext context = byHostname.select(HostNames.normalize(serverName));
        return context != null ? context : fallback;
    }
}
