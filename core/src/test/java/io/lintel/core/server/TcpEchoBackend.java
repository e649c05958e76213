package io.lintel.core.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP backend on loopback that speaks first, as the conformance suite's TCP echo server does: it greets every
 * connection with {@code "hello <name>\n"} and then echoes every byte back.
 */
final class TcpEchoBackend implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicInteger connections = new AtomicInteger();
    private final int port;

    TcpEchoBackend(String name) throws InterruptedException {
        Echo echo = new Echo(("hello " + name + "\n").getBytes(StandardCharsets.US_ASCII));
        port = ((InetSocketAddress) new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(echo).bind("127.0.0.1", 0).sync().channel().localAddress()).getPort();
    }

    /** The loopback port it listens on, and how many connections it accepted so far. */
    int port() {
        return port;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        // the group's shutdown closes the listening channel and every accepted one with it
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Greets, then echoes; stateless, so one instance serves every connection. */
    @ChannelHandler.Sharable
    private final class Echo extends ChannelInboundHandlerAdapter {

        private final byte[] greeting;

        Echo(byte[] greeting) {
            this.greeting = greeting;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.incrementAndGet();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }
}
