package io.lintel.core.testing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gRPC-shaped echo backend: HTTP/2 cleartext with prior knowledge on an ephemeral loopback port. Every call is
 * answered at once with its response headers ({@code :status 200}, {@code content-type: application/grpc},
 * {@code x-backend: <name>}, {@code x-path: <:path>}); each DATA frame of the request is echoed back as it arrives, so
 * length-prefixed gRPC messages come back unchanged and a bidirectional stream works; when the request ends, the
 * trailers {@code grpc-status: 0} end the response. A call to a method named {@code Fail} gets a trailers-only
 * {@code grpc-status: 5} (NOT_FOUND) instead, one to a method named {@code Hang} no answer at all, and one to a method
 * named {@code Reset} a reset of its stream, one named {@code Stall} its response headers and then reads nothing more. A method named {@code Collect} (client streaming) is answered only when
 * its request has ended: headers, everything it received, trailers; {@link #collected} counts the messages such
 * calls received meanwhile. Records the request headers of every call.
 */
public final class GrpcEchoServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final String name;
    /** The request headers of every call, in arrival order. */
    public final List<Http2Headers> calls = new CopyOnWriteArrayList<>();
    /** Messages received by {@code Collect} calls, as they arrive (whole ones, however DATA frames cut them). */
    public final AtomicInteger collected = new AtomicInteger();
    /**
     * {@code Stall} calls the client side abandoned while they were stalled: their stream was reset or their
     * connection closed (each counted once).
     */
    public final AtomicInteger abandonedStalls = new AtomicInteger();
    private final List<Channel> stalled = new CopyOnWriteArrayList<>();

    public GrpcEchoServer(String name) throws InterruptedException {
        this.name = name;
        server = H2cTestServers.bind(group, Echo::new);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        for (Channel stream : stalled) {
            // read (and so release) what a stalled stream left queued, then end it
            stream.eventLoop().submit(() -> {
                stream.config().setAutoRead(true);
                stream.read();
                stream.close();
            }).syncUninterruptibly();
        }
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Echo extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private boolean answered;
        // the response has ended (trailers-only, reset or trailers sent): later request frames are ignored
        private boolean done;
        private String path = "";
        private Http2Headers response;
        private ByteBuf collecting;
        /** Bytes of {@link #collecting} counted as whole messages. */
        private int scanned;
        private boolean stallAbandoned;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (done) {
                return;
            }
            if (frame instanceof Http2HeadersFrame headers && !answered) {
                answered = true;
                calls.add(headers.headers());
                path = String.valueOf(headers.headers().path());
                response = new DefaultHttp2Headers().status("200")
                        .set("content-type", "application/grpc")
                        .set("x-backend", name)
                        .set("x-path", path);
                if (path.endsWith("/Hang")) {
                    return;
                }
                if (path.endsWith("/Stall")) {
                    // answers, then reads nothing more: its HTTP/2 flow-control window is never given back
                    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(response));
                    ctx.channel().config().setAutoRead(false);
                    stalled.add(ctx.channel());
                    // a stalled stream reads nothing, so its closing is not seen on it: watch its connection
                    ctx.channel().parent().closeFuture().addListener(f -> abandonStall());
                    done = true;
                    return;
                }
                if (path.endsWith("/Reset")) {
                    done = true;
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
                    return;
                }
                if (path.endsWith("/Fail")) {
                    response.set("grpc-status", "5").set("grpc-message", "no such thing");
                    done = true;
                    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(response, true));
                    return;
                }
                if (path.endsWith("/Collect")) {
                    collecting = Unpooled.buffer();
                } else {
                    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(response));
                }
                if (headers.isEndStream()) {
                    end(ctx);
                }
            } else if (frame instanceof Http2DataFrame data && answered && !path.endsWith("/Hang")) {
                if (data.content().isReadable()) {
                    if (collecting != null) {
                        collecting.writeBytes(data.content());
                        countCollected();
                    } else {
                        ctx.writeAndFlush(new DefaultHttp2DataFrame(data.content().retain()));
                    }
                }
                if (data.isEndStream()) {
                    end(ctx);
                }
            } else if (frame instanceof Http2HeadersFrame trailers && trailers.isEndStream()) {
                end(ctx);
            }
        }

        /**
         * Counts the whole messages (5-byte prefix and body) collected so far: a proxy may merge messages into one DATA
         * frame (Netty's flow controller merges the DATA queued on a stream before a flush) or split one.
         */
        private void countCollected() {
            while (collecting.readableBytes() - scanned >= 5) {
                int length = collecting.getInt(collecting.readerIndex() + scanned + 1);
                if (collecting.readableBytes() - scanned - 5 < length) {
                    return;
                }
                scanned += 5 + length;
                collected.incrementAndGet();
            }
        }

        private void end(ChannelHandlerContext ctx) {
            done = true;
            if (collecting != null) {
                ctx.write(new DefaultHttp2HeadersFrame(response));
                ctx.write(new DefaultHttp2DataFrame(collecting));
                collecting = null;
            }
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
        }

        /** Counts a stalled call abandoned, once (runs on the connection's event loop, as its stream does). */
        private void abandonStall() {
            if (!stallAbandoned) {
                stallAbandoned = true;
                abandonedStalls.incrementAndGet();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            // resets reach a stream as user events, even one that reads nothing
            if (evt instanceof Http2ResetFrame && path.endsWith("/Stall")) {
                abandonStall();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (collecting != null) {
                collecting.release();
                collecting = null;
            }
            ctx.fireChannelInactive();
        }
    }
}
