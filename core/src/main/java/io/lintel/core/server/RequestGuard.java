package io.lintel.core.server;

import io.lintel.core.proxy.AbsoluteForm;
import io.lintel.core.proxy.PathNormalizer;
import io.lintel.core.proxy.RejectedRequest;
import io.lintel.core.proxy.RequestTargetValidator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the HTTP codec (HTTP/1.1 connection, or HTTP/2 stream converted to HTTP objects) and the proxy
 * handler, and makes every request head safe to route before anything reads it: refuses what
 * {@link RequestTargetValidator} refuses, turns absolute-form into origin-form ({@link AbsoluteForm}) and normalises
 * the path ({@link PathNormalizer}), so that routing and the backend see the same path.
 *
 * <p>A refused head is not answered here: it gets a {@link RejectedRequest} as its decoder failure and goes on, so the
 * proxy handler answers it in its turn (after pipelined requests before it), with its status, and closes an HTTP/1.1
 * connection, exactly as for a head the codec could not decode. Stateless and shared by all connections.
 */
@ChannelHandler.Sharable
public final class RequestGuard extends ChannelInboundHandlerAdapter {

    public static final RequestGuard HTTP1 = new RequestGuard(false);
    public static final RequestGuard HTTP2 = new RequestGuard(true);

    static final String NAME = "request-guard";

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    private final boolean http2;

    private RequestGuard(boolean http2) {
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            RejectedRequest rejected = RequestTargetValidator.validate(request, http2);
            if (rejected != null) {
                LOG.debug("{}: refused with {}: {}", ctx.channel(), rejected.status(), rejected.getMessage());
                request.setDecoderResult(DecoderResult.failure(rejected));
            } else {
                AbsoluteForm.toOriginForm(request);
                String target = request.uri();
                String normalized = PathNormalizer.normalize(target);
                if (normalized != target) {
                    request.setUri(normalized);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
