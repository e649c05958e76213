package io.lintel.core.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2ResetFrame;

/**
 * Closes a client's HTTP/2 stream channel as soon as the client resets the stream (a cancelled gRPC call), so that
 * whatever request data was still queued on either side is released. (The proxy handler has already ended the
 * stream's exchange when the reset passed it, before the exchange took a backend connection: rapid reset.)
 *
 * <p>Netty closes a stream channel whose stream ended only once the application has read the frames still queued in
 * it. The proxy handler reads a client's stream only while the backend can take more (with auto-read off), so a
 * stream reset while its backend was not taking data (HTTP/2 flow control of a backend that stopped reading) would
 * stay open for the life of the connection, holding the exchange, its backend connection and the queued buffers. A
 * reset reaches the stream channel as a user event whether it reads or not; the close runs as a task of its own, once
 * Netty has closed the stream, so that no RST_STREAM goes back in answer to the client's.
 */
@ChannelHandler.Sharable
final class ClientStreamResetCloser extends ChannelInboundHandlerAdapter {

    static final ClientStreamResetCloser INSTANCE = new ClientStreamResetCloser();

    private ClientStreamResetCloser() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            ctx.channel().eventLoop().execute(() -> ctx.channel().close());
        }
        ctx.fireUserEventTriggered(evt);
    }
}
