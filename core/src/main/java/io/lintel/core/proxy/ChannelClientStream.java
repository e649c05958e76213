package io.lintel.core.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;

/**
 * A {@link ClientStream} that is a channel's pipeline, at the {@link ProxyHandler}'s place in it: an HTTP/1.x
 * connection, or an HTTP/2 stream child channel (whose stream codec converts the messages into frames).
 */
final class ChannelClientStream implements ClientStream {

    private final ChannelHandlerContext ctx;

    ChannelClientStream(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public EventExecutor executor() {
        return ctx.executor();
    }

    @Override
    public Channel connection() {
        // a stream channel answers its parent's addresses
        return ctx.channel();
    }

    @Override
    public void write(Object message) {
        ctx.write(message, ctx.voidPromise());
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public void writeAndFlush(Object message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    @Override
    public void writeFlushAndClose(Object message) {
        ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void read() {
        ctx.read();
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public boolean isActive() {
        return ctx.channel().isActive();
    }

    @Override
    public void close() {
        ctx.close();
    }
}
