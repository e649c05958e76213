package io.lintel.plugin.protocol.h2c;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An h2c (prior knowledge) server on an ephemeral loopback port for tests of shared backend connections. It announces
 * a {@code SETTINGS_MAX_CONCURRENT_STREAMS} of its own and records the connections it accepted. A request to
 * {@code /reset} gets its stream reset; every other request is held (its stream open, unanswered) until
 * {@link #answerHeld()}, or, when {@code holdUntil} requests are held at once, all of them are answered; an answer is
 * 200 with the request's path as its body.
 */
final class SharingH2cServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final int holdUntil;
    /** Every connection accepted, in order, open or not. */
    final List<Channel> connections = new CopyOnWriteArrayList<>();
    /** Streams waiting for their answer. */
    final Queue<Held> held = new ConcurrentLinkedQueue<>();
    /** Connections that carried a stream, as streams arrive. */
    final Set<Channel> connectionsWithStreams = ConcurrentHashMap.newKeySet();

    /**
     * @param maxConcurrentStreams the SETTINGS_MAX_CONCURRENT_STREAMS announced
     * @param holdUntil how many requests are held before all are answered at once (0: only by answerHeld)
     */
    SharingH2cServer(int maxConcurrentStreams, int holdUntil) throws InterruptedException {
        this.holdUntil = holdUntil;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                                        .initialSettings(Http2Settings.defaultSettings()
                                                .maxConcurrentStreams(maxConcurrentStreams))
                                        .build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                                    @Override
                                    protected void initChannel(Channel stream) {
                                        stream.pipeline().addLast(new Stream());
                                    }
                                }));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Answers every held request (on the server's event loop, so after what it read so far). */
    void answerHeld() {
        group.next().execute(() -> {
            Held next;
            while ((next = held.poll()) != null) {
                next.answer();
            }
        });
    }

    /** Sends GOAWAY (NO_ERROR, last stream: the last one the client opened) on {@code connection}. */
    void goAway(Channel connection) {
        connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A held stream and the path it asked for. */
    record Held(Channel stream, String path) {
        void answer() {
            stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
            ByteBuf body = Unpooled.copiedBuffer(path, StandardCharsets.UTF_8);
            stream.writeAndFlush(new DefaultHttp2DataFrame(body, true));
        }
    }

    private final class Stream extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private String path;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            boolean end = false;
            if (frame instanceof Http2HeadersFrame headers) {
                path = String.valueOf(headers.headers().path());
                end = headers.isEndStream();
                connectionsWithStreams.add(ctx.channel().parent());
            } else if (frame instanceof Http2DataFrame data) {
                end = data.isEndStream();
            }
            if (!end) {
                return;
            }
            if (path.equals("/reset")) {
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
                return;
            }
            held.add(new Held(ctx.channel(), path));
            if (holdUntil > 0 && held.size() >= holdUntil) {
                answerHeld();
            }
        }
    }
}
