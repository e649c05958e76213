package io.lintel.core.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Times the body of an HTTP/2 stream's request ({@link RequestReadTimeouts}, body idle timeout) only when it has one.
 * Most streams carry their whole request in one HEADERS frame (a GET, a HEAD): such a request has no DATA a client
 * could stall, and the timeouts handler would be made, added to the stream's pipeline and passed by every message
 * only to find that out. This one, shared by every stream, adds it behind itself when a head that a body follows
 * arrives, before passing the head on to it.
 */
@ChannelHandler.Sharable
final class StreamBodyReadTimeout extends ChannelInboundHandlerAdapter {

    private final long bodyIdleNanos;

    StreamBodyReadTimeout(long bodyIdleNanos) {
        this.bodyIdleNanos = bodyIdleNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // a head that is also the last content (END_STREAM on HEADERS) ends the request
        if (msg instanceof HttpRequest && !(msg instanceof LastHttpContent)
                && ctx.pipeline().get(RequestReadTimeouts.MESSAGES_NAME) == null) {
            ctx.pipeline().addAfter(ctx.name(), RequestReadTimeouts.MESSAGES_NAME,
                    new RequestReadTimeouts(0, bodyIdleNanos).messagesHandler());
        }
        ctx.fireChannelRead(msg);
    }
}
