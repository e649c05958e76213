package io.lintel.core.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2ResetFrame;

/**
 * The one handler of a client's HTTP/2 stream between the stream codec and the proxy handler, shared by every stream.
 * It does what three handlers did, since a stream lives for one request and every handler of its pipeline is made a
 * context of, added, and passed by each message, once per request:
 * <ul>
 *   <li>makes the request head safe to route ({@link RequestGuard}, HTTP/2 rules);</li>
 *   <li>times the body of a request that has one (body idle timeout, {@link RequestReadTimeouts}): most streams carry
 *       their whole request in one HEADERS frame (a GET, a HEAD), with no DATA a client could stall, so the timeouts
 *       handler is added behind this one only when a head that a body follows arrives;</li>
 *   <li>closes the stream channel as soon as the client resets the stream (a cancelled gRPC call), so that whatever
 *       request data was still queued on either side is released. (The proxy handler ends the stream's exchange when
 *       the reset passes it, before the exchange took a backend connection: rapid reset.) Netty closes a stream
 *       channel whose stream ended only once the application has read the frames still queued in it, and the proxy
 *       handler reads a client's stream only while the backend can take more, so a stream reset while its backend
 *       was not taking data would stay open for the life of the connection, holding the exchange, its backend
 *       connection and the queued buffers. A reset reaches the stream channel as a user event whether it reads or
 *       not; the close runs as a task of its own, once Netty has closed the stream, so that no RST_STREAM goes back
 *       in answer to the client's.</li>
 * </ul>
 */
@ChannelHandler.Sharable
final class ClientStreamGuard extends ChannelInboundHandlerAdapter {

    /** Zero when the body idle timeout is off. */
    private final long bodyIdleNanos;

    ClientStreamGuard(long bodyIdleNanos) {
        this.bodyIdleNanos = bodyIdleNanos;
    }

    @Override
    public boolean isSharable() {
        return true;  // as annotated; answered without Netty's per-class lookup, made for every stream
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            RequestGuard.check(ctx, request, true);
            // a head that is also the last content (END_STREAM on HEADERS) ends the request; a stream has one head
            // (a later HEADERS frame is its trailers), but a refused one is answered and the stream may send on
            if (bodyIdleNanos > 0 && !(msg instanceof LastHttpContent)
                    && ctx.pipeline().get(RequestReadTimeouts.MESSAGES_NAME) == null) {
                ctx.pipeline().addAfter(ctx.name(), RequestReadTimeouts.MESSAGES_NAME,
                        new RequestReadTimeouts(0, bodyIdleNanos).messagesHandler());
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            ctx.channel().eventLoop().execute(() -> ctx.channel().close());
        }
        ctx.fireUserEventTriggered(evt);
    }
}
