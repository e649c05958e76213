package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed TLS handshake with a backend, naming the endpoint and the reason (an untrusted or misnamed
 * certificate, a refused client certificate): the client only sees a 502, so this line is what explains it. Removes
 * itself after the handshake.
 */
final class BackendTlsHandshakeLog extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BackendTlsHandshakeLog.class);

    private final BackendEndpoint endpoint;

    BackendTlsHandshakeLog(BackendEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (!completion.isSuccess()) {
                Throwable cause = completion.cause();
                while (cause.getCause() != null && cause.getCause() != cause) {
                    cause = cause.getCause();
                }
                LOG.warn("TLS handshake with backend {} failed: {}", endpoint, cause.getMessage());
            }
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, event);
    }
}
