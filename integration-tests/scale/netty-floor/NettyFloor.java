import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.InboundHttp2ToHttpAdapterBuilder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor under any HTTP/1.1 proxy built on Netty: the least a Netty proxy does per request, to compare Lintel's
 * CPU per request against in the same {@code ../shared/bench/run} as nginx and HAProxy (docs/scale.md). One event
 * loop; Netty's HTTP/1.1 server and client codecs; each request's parts relayed as they are to one fixed backend over
 * pooled keep-alive connections made on the client connection's event loop, and the response's parts back. No
 * routing, no header rewriting, no timeouts, no limits, no error answers: not a gateway, a measuring stick.
 *
 * <p>A client that opens with HTTP/2's preface (h2c with prior knowledge, as {@code bench/run --h2c} does) gets Netty's
 * own translation instead: {@code InboundHttp2ToHttpAdapter} makes each stream a {@code FullHttpRequest}, which goes to
 * the backend whole; the backend's response is aggregated and written back by {@code HttpToHttp2ConnectionHandler}.
 *
 * <p>Usage: {@code java -cp 'LINTEL_HOME/lib/*' NettyFloor.java LISTEN_PORT backendAddress_HOST backendAddress_PORT}.
 */
public final class NettyFloor {

    /** Where every request goes (set once, before the server starts). */
    private static java.net.SocketAddress backendAddress;
    /** The socket class of the loop's transport (set once, before the server starts). */
    private static Class<? extends Channel> socketClass;

    public static void main(String[] args) throws Exception {
        int listenPort = Integer.parseInt(args[0]);
        String backendHost = args[1];
        int backendPort = Integer.parseInt(args[2]);
        // epoll, or io_uring with -Dfloor.transport=io_uring (Lintel's default where the kernel allows it)
        boolean uring = "io_uring".equals(System.getProperty("floor.transport"));
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1,
                uring ? IoUringIoHandler.newFactory() : EpollIoHandler.newFactory());
        socketClass = uring ? IoUringSocketChannel.class : EpollSocketChannel.class;
        backendAddress = new java.net.InetSocketAddress(backendHost, backendPort);
        Bootstrap backends = new Bootstrap()
                .channel(socketClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(backendAddress)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new BackendRelay());
                    }
                });
        Map<EventLoop, ArrayDeque<Channel>> idle = new HashMap<>();
        new ServerBootstrap()
                .group(loops)
                .channel(uring ? IoUringServerSocketChannel.class : EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new PrefaceSwitch(),
                                new HttpServerCodec(), new ClientRelay(backends, idle));
                    }
                })
                .bind("127.0.0.1", listenPort).sync().channel().closeFuture().sync();
    }

    /** Leaves at the first bytes that are not HTTP/2's preface; puts HTTP/2 in the HTTP/1.1 codec's place if it is. */
    private static final class PrefaceSwitch extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int compared = Math.min(in.readableBytes(), PREFACE.readableBytes());
            if (!ByteBufUtil.equals(PREFACE, 0, in, in.readerIndex(), compared)) {
                ctx.pipeline().remove(this);
            } else if (compared == PREFACE.readableBytes()) {
                Http2Connection connection = new DefaultHttp2Connection(true);
                ctx.pipeline().remove(HttpServerCodec.class);
                ctx.pipeline().remove(ClientRelay.class);
                ctx.pipeline().addAfter(ctx.name(), null, new HttpToHttp2ConnectionHandlerBuilder()
                        .connection(connection)
                        .frameListener(new InboundHttp2ToHttpAdapterBuilder(connection)
                                .maxContentLength(1 << 20).propagateSettings(false).build())
                        .build());
                ctx.pipeline().addLast(new StreamRelay());
                ctx.pipeline().remove(this);
            }
        }
    }

    /**
     * HTTP/2: relays each stream's whole request to a backend connection of its own made on the client's loop (kept
     * for the next stream), and the whole response back on the stream.
     */
    private static final class StreamRelay extends ChannelInboundHandlerAdapter {
        private final ArrayDeque<Channel> idle = new ArrayDeque<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            String streamId = request.headers().get(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text());
            Channel backend = idle.pollLast();
            while (backend != null && !backend.isActive()) {
                backend = idle.pollLast();
            }
            if (backend != null) {
                backend.pipeline().get(StreamResponse.class).serve(ctx.channel(), streamId, idle);
                backend.writeAndFlush(request);
                return;
            }
            new Bootstrap().group(ctx.channel().eventLoop())
                    .channel(socketClass)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new StreamResponse());
                        }
                    })
                    .connect(backendAddress).addListener((io.netty.channel.ChannelFuture connect) -> {
                        if (connect.isSuccess()) {
                            connect.channel().pipeline().get(StreamResponse.class)
                                    .serve(ctx.channel(), streamId, idle);
                            connect.channel().writeAndFlush(request);
                        } else {
                            request.release();
                        }
                    });
        }
    }

    /** The backend's whole response to one stream, written back on that stream. */
    private static final class StreamResponse extends ChannelInboundHandlerAdapter {
        private Channel client;
        private String streamId;
        private ArrayDeque<Channel> idle;

        void serve(Channel client, String streamId, ArrayDeque<Channel> idle) {
            this.client = client;
            this.streamId = streamId;
            this.idle = idle;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpResponse response) || client == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            response.headers().set(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text(), streamId);
            client.writeAndFlush(response);
            client = null;
            idle.addLast(ctx.channel());
        }
    }

    /** Relays a client's request parts to a pooled backend connection of the same event loop. */
    private static final class ClientRelay extends ChannelInboundHandlerAdapter {
        private final Bootstrap backends;
        private final Map<EventLoop, ArrayDeque<Channel>> idle;
        private Channel backend;

        ClientRelay(Bootstrap backends, Map<EventLoop, ArrayDeque<Channel>> idle) {
            this.backends = backends;
            this.idle = idle;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                backend = idle.computeIfAbsent(ctx.channel().eventLoop(), loop -> new ArrayDeque<>()).pollLast();
                if (backend == null || !backend.isActive()) {
                    ctx.channel().config().setAutoRead(false);
                    backend = backends.clone(ctx.channel().eventLoop()).connect().channel();
                }
                backend.pipeline().get(BackendRelay.class).serve(ctx.channel(), idle);
            }
            Channel target = backend;
            if (target.isActive()) {
                target.writeAndFlush(msg);
            } else {
                target.pipeline().get(BackendRelay.class).hold(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (backend != null && backend.pipeline().get(BackendRelay.class).client == ctx.channel()) {
                backend.close();
            }
        }
    }

    /** Relays a backend's response parts to the client it serves; back to the pool after the last part. */
    private static final class BackendRelay extends ChannelInboundHandlerAdapter {
        private Channel client;
        private Map<EventLoop, ArrayDeque<Channel>> idle;
        private final ArrayDeque<Object> held = new ArrayDeque<>();

        void serve(Channel client, Map<EventLoop, ArrayDeque<Channel>> idle) {
            this.client = client;
            this.idle = idle;
        }

        void hold(Object msg) {
            held.add(msg);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Object msg;
            while ((msg = held.poll()) != null) {
                ctx.write(msg);
            }
            ctx.flush();
            if (client != null) {
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpObject) || client == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof LastHttpContent) {
                client.writeAndFlush(msg);
                client = null;
                idle.get(ctx.channel().eventLoop()).addLast(ctx.channel());
            } else {
                client.write(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (client != null) {
                client.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            held.forEach(ReferenceCountUtil::release);
        }
    }
}
