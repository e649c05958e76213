package io.lintel.core.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal gRPC client for tests: HTTP/2 cleartext with prior knowledge (what gRPC clients speak to a plaintext
 * server) or HTTP/2 over TLS (ALPN {@code h2}), one connection, one HTTP/2 stream per {@link Call}. Messages are UTF-8 strings framed the gRPC way (a
 * flag byte and a four-byte length in front); the response is parsed back into messages, however its DATA frames
 * split them.
 */
public final class GrpcTestClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    private final String authority;

    /** A cleartext (h2c, prior knowledge) client. */
    public GrpcTestClient(String host, int port) throws InterruptedException {
        this(host, port, null);
    }

    /**
     * A TLS client (any certificate trusted) that offers only {@code h2} by ALPN and names {@code serverName} by SNI
     * and in {@code :authority}.
     */
    public static GrpcTestClient overTls(String host, int port, String serverName) throws Exception {
        return new GrpcTestClient(host, port, serverName);
    }

    private GrpcTestClient(String host, int port, String serverName) throws InterruptedException {
        authority = (serverName == null ? host : serverName) + ":" + port;
        SslContext tls = serverName == null ? null : clientTls();
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), serverName, port));
                        }
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(host, port).sync().channel();
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a call of {@code /<service>/<method>} with the request headers (metadata) given; sends no message yet. */
    public Call start(String service, String method, Map<String, String> metadata) throws InterruptedException {
        Call call = new Call();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(call).open().sync().getNow();
        call.stream = stream;
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").authority(authority)
                .path("/" + service + "/" + method)
                .set("content-type", "application/grpc")
                .set("te", "trailers");
        metadata.forEach(headers::set);
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers)).sync();
        return call;
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One call: send messages, half-close, read messages, headers and trailers. */
    public static final class Call extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private Http2StreamChannel stream;
        private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final ByteBuf received = Unpooled.buffer();
        /** The response headers. */
        public final CompletableFuture<Http2Headers> headers = new CompletableFuture<>();
        /** The trailers; for a trailers-only response, the response headers themselves. */
        public final CompletableFuture<Http2Headers> trailers = new CompletableFuture<>();
        /** Whether the trailers came in the only HEADERS frame of the response (a trailers-only response). */
        public volatile boolean trailersOnly;

        public void send(String message) throws InterruptedException {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            ByteBuf framed = Unpooled.buffer(5 + bytes.length).writeByte(0).writeInt(bytes.length).writeBytes(bytes);
            stream.writeAndFlush(new DefaultHttp2DataFrame(framed)).sync();
        }

        /** Bytes of messages {@link #pump}ed that were written to the connection so far. */
        public final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        private long toPump;

        /**
         * Sends messages of {@code messageBytes} until {@code totalBytes} are sent, as fast as HTTP/2 flow control lets
         * this stream write (whenever it is writable), without waiting; {@link #written} counts what went out.
         */
        public void pump(long totalBytes, int messageBytes) {
            stream.eventLoop().execute(() -> {
                toPump = totalBytes;
                pumpMore(messageBytes);
            });
        }

        private void pumpMore(int messageBytes) {
            while (toPump > 0 && stream.isWritable()) {
                toPump -= messageBytes;
                ByteBuf framed = Unpooled.buffer(5 + messageBytes).writeByte(0).writeInt(messageBytes)
                        .writeZero(messageBytes);
                stream.writeAndFlush(new DefaultHttp2DataFrame(framed)).addListener(f -> {
                    if (f.isSuccess()) {
                        written.addAndGet(messageBytes);
                    }
                });
            }
            if (toPump > 0) {
                pumpSize = messageBytes;
            }
        }

        private int pumpSize;

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && toPump > 0) {
                pumpMore(pumpSize);
            }
            ctx.fireChannelWritabilityChanged();
        }

        /** Ends the request (the client has no more messages). */
        public void halfClose() throws InterruptedException {
            stream.writeAndFlush(new DefaultHttp2DataFrame(true)).sync();
        }

        /** The next response message, waiting up to {@code timeout}; null when none came. */
        public String nextMessage(Duration timeout) throws InterruptedException {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void cancel() {
            stream.close();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame h) {
                if (!headers.isDone()) {
                    headers.complete(h.headers());
                    if (h.isEndStream()) {
                        trailersOnly = true;
                        trailers.complete(h.headers());
                    }
                } else {
                    trailers.complete(h.headers());
                }
            } else if (frame instanceof Http2DataFrame data) {
                received.writeBytes(data.content());
                while (received.readableBytes() >= 5
                        && received.readableBytes() >= 5 + received.getInt(received.readerIndex() + 1)) {
                    received.skipBytes(1);
                    int length = received.readInt();
                    messages.add(received.readCharSequence(length, StandardCharsets.UTF_8).toString());
                }
                received.discardReadBytes();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            received.release();
            headers.completeExceptionally(new IllegalStateException("stream closed without response headers"));
            trailers.completeExceptionally(new IllegalStateException("stream closed without trailers"));
            ctx.fireChannelInactive();
        }
    }
}
