package io.lintel.core.server;

import io.lintel.core.proxy.TlsServerName;
import io.lintel.core.route.HostNames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;

/**
 * An {@link SniHandler} that also records the server name it chose the certificate by as the connection's
 * {@link TlsServerName}, for the misdirected-request check of the requests that follow.
 */
final class ServerNameRecordingSniHandler extends SniHandler {

    ServerNameRecordingSniHandler(Mapping<? super String, ? extends SslContext> mapping, long handshakeTimeoutMillis) {
        super(mapping, 0, handshakeTimeoutMillis);
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) throws Exception {
        ctx.channel().attr(TlsServerName.KEY).set(hostname == null ? "" : HostNames.normalize(hostname));
        super.replaceHandler(ctx, hostname, sslContext);
    }
}
