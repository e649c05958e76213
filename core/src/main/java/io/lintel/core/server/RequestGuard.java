package io.lintel.core.server;

import io.lintel.core.proxy.AbsoluteForm;
import io.lintel.core.proxy.PathNormalizer;
import io.lintel.core.proxy.RejectedRequest;
import io.lintel.core.proxy.RequestTargetValidator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the HTTP codec of an HTTP/1.1 connection and the proxy handler (an HTTP/2 stream has its check done
 * by {@link ClientStreamCodec}), and makes every request head safe to route before anything reads it: refuses what
 * {@link RequestTargetValidator} refuses, turns absolute-form into origin-form ({@link AbsoluteForm}) and normalises
 * the path ({@link PathNormalizer}), so that routing and the backend see the same path.
 *
 * <p>A refused head is not answered here: it gets a {@link RejectedRequest} as its decoder failure and goes on, so the
 * proxy handler answers it in its turn (after pipelined requests before it), with its status, and closes an HTTP/1.1
 * connection, exactly as for a head the codec could not decode. Stateless and shared by all connections.
 */
@ChannelHandler.Sharable
public final class RequestGuard extends ChannelInboundHandlerAdapter {

    /** For HTTP/1.x connections; HTTP/2 streams have {@link ClientStreamCodec}. */
    public static final RequestGuard HTTP1 = new RequestGuard();

    static final String NAME = "request-guard";

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    private RequestGuard() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            check(ctx, request, false);
        }
        ctx.fireChannelRead(msg);
    }

    /** Refuses or normalises one request head, as described above (also for {@link ClientStreamCodec}). */
    static void check(ChannelHandlerContext ctx, HttpRequest request, boolean http2) {
        check(ctx.channel(), request, http2);
    }

    /** As {@link #check(ChannelHandlerContext, HttpRequest, boolean)}, for a request read on {@code channel}. */
    static void check(Channel channel, HttpRequest request, boolean http2) {
        if (!request.decoderResult().isSuccess()) {
            return;
        }
        RejectedRequest rejected = RequestTargetValidator.validate(request, http2);
        if (rejected != null) {
            LOG.debug("{}: refused with {}: {}", channel, rejected.status(), rejected.getMessage());
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
}
