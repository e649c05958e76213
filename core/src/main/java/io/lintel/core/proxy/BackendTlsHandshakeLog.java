package io.lintel.core.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lintel.core.route.BackendEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed TLS handshake with a backend, naming the endpoint and the reason (an untrusted or misnamed
 * certificate, a refused client certificate): the client only sees a 502, so this line is what explains it. The same
 * failure of the same endpoint is logged at WARN once every 30 seconds (at DEBUG in between), so that a broken backend
 * under load does not flood the log. Removes itself after the handshake.
 */
final class BackendTlsHandshakeLog extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BackendTlsHandshakeLog.class);
    private static final Cache<String, Boolean> RECENTLY_LOGGED = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();

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
                String reason = cause.getMessage();
                if (RECENTLY_LOGGED.asMap().putIfAbsent(endpoint + "|" + reason, Boolean.TRUE) == null) {
                    LOG.warn("TLS handshake with backend {} failed: {}", endpoint, reason);
                } else {
                    LOG.debug("TLS handshake with backend {} failed: {}", endpoint, reason);
                }
            }
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, event);
    }
}
