package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.route.CompiledSocket;
import io.lintel.core.route.CompiledTls;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;

/**
 * For the {@code SniHandler} of one HTTPS socket: the TLS context of the server name a client sent, looked up in the
 * route table current at the handshake, so a changed certificate applies to the next connection without re-binding.
 * Only looks up contexts the compiler built on the control thread; builds nothing on the event loop.
 */
final class SniSslContexts implements Mapping<String, SslContext> {

    private final ProxyContext context;

    SniSslContexts(ProxyContext context) {
        this.context = requireNonNull(context, "context");
    }

    /**
     * @param serverName the SNI host name, or null when the client sent none
     * @throws IllegalStateException when the socket has no usable certificate (the handshake then fails)
     */
    @Override
    public SslContext map(String serverName) {
        CompiledSocket socket = context.table().get().sockets().get(context.socket());
        CompiledTls tls = socket == null ? null : socket.tls();
        SslContext selected = tls == null ? null : tls.select(serverName);
        if (selected == null) {
            throw new IllegalStateException(context.socket() + ": no certificate to present for server name "
                    + (serverName == null ? "(none)" : serverName));
        }
        return selected;
    }
}
