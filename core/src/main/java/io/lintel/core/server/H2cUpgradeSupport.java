package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ClientConnectionState;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.proxy.ProxyHandler;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a client connection into an HTTP/2 one: by prior knowledge (the connection preface), after an
 * {@code Upgrade: h2c} request, or by ALPN on a TLS socket. HTTP/2 runs as a frame codec plus
 * {@link Http2ClientStreams}, which gives each stream a {@link ProxyHandler} without a channel of its own (or, with
 * {@code lintel.http2.streamChannels=true}, Netty's multiplexer, whose stream child channels each get the HTTP object
 * conversion, {@link ClientStreamCodec}, and a proxy handler), so streams are proxied by the same handler as HTTP/1.1
 * connections; what the streams of a connection share is their {@link ClientConnectionState}.
 */
final class H2cUpgradeSupport {

    private static final Logger LOG = LoggerFactory.getLogger(H2cUpgradeSupport.class);

    /** Name of the HTTP/1.1 {@link ProxyHandler} in a connection's pipeline, removed when it becomes HTTP/2. */
    static final String HTTP1_PROXY = "http1-proxy";

    private final ProxyContext context;
    private final DataPlaneSettings settings;
    private final long bodyIdleNanos;

    H2cUpgradeSupport(ProxyContext context, DataPlaneSettings settings) {
        this.context = requireNonNull(context, "context");
        this.settings = requireNonNull(settings, "settings");
        this.bodyIdleNanos = settings.requestBodyIdleTimeout().toNanos();
    }

    /** For {@link HttpServerUpgradeHandler}: h2c gets an upgrade codec, anything else none. */
    HttpServerUpgradeHandler.UpgradeCodec upgradeCodec(CharSequence protocol) {
        if (!AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)) {
            return null;
        }
        Http2FrameCodec codec = frameCodec();
        Http2ControlFrameFloodGuard guard = floodGuard(codec);
        StreamSetup streams = new StreamSetup();
        return new Http2ServerUpgradeCodec(codec, guard, streamFlushes(), streams.handler(codec, guard),
                new SwitchedToHttp2(streams));
    }

    /** The handler that takes over a connection that started with the HTTP/2 preface. */
    ChannelHandler priorKnowledgeHandler() {
        return new PriorKnowledgeSwitch();
    }

    /** Adds the HTTP/2 handlers at the end of a pipeline (for ALPN-negotiated h2). */
    void addHttp2(ChannelPipeline pipeline) {
        Http2FrameCodec codec = frameCodec();
        Http2ControlFrameFloodGuard guard = floodGuard(codec);
        StreamSetup streams = new StreamSetup();
        pipeline.addLast(codec, guard, streamFlushes(), streams.handler(codec, guard), new SwitchedToHttp2(streams));
    }

    private Http2FrameCodec frameCodec() {
        Http2Settings initial = Http2Settings.defaultSettings()
                .maxConcurrentStreams(settings.maxConcurrentStreams())
                .maxHeaderListSize(settings.maxHeaderSize());
        // a graceful close (GOAWAY, ConnectionDrain) waits for the streams in flight as long as they take: the drain's
        // bound, not the codec, decides when they are cut (Netty's builder would close at once, timeout 0)
        return settings.http2FloodLimits().applyTo(new ClientHttp2CodecBuilder().initialSettings(initial))
                .gracefulShutdownTimeoutMillis(-1).build();
    }

    private Http2ControlFrameFloodGuard floodGuard(Http2FrameCodec codec) {
        return new Http2ControlFrameFloodGuard(codec, settings.http2FloodLimits());
    }

    /**
     * Between the codec and the multiplexer: merges the flushes of the connection's streams. Responses reach their
     * streams from backend reads, outside the connection's own read, where each stream's flush would run the codec's
     * flow controller and write to the socket, once per response. Held until the event loop has run the reads at
     * hand, the responses of all the backends that answered meanwhile leave in one socket write; during the client's
     * read (a local answer), until its read completes, as the multiplexer does by itself.
     */
    private static FlushConsolidationHandler streamFlushes() {
        return new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    }

    /** Replaces itself with the HTTP/2 handlers right where it was added. */
    private final class PriorKnowledgeSwitch extends ChannelHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            Http2FrameCodec codec = frameCodec();
            pipeline.addAfter(ctx.name(), null, codec);
            String codecName = pipeline.context(codec).name();
            StreamSetup streams = new StreamSetup();
            Http2ControlFrameFloodGuard guard = floodGuard(codec);
            pipeline.addAfter(codecName, null, new SwitchedToHttp2(streams));
            pipeline.addAfter(codecName, null, streams.handler(codec, guard));
            pipeline.addAfter(codecName, null, streamFlushes());
            pipeline.addAfter(codecName, null, guard);
            pipeline.remove(this);
        }
    }

    /**
     * Added after the multiplexer: removes the HTTP/1.1 proxy handler, lets the connection read freely (flow control
     * is per stream now) and closes the connection when it idles without streams.
     */
    private static final class SwitchedToHttp2 extends ChannelInboundHandlerAdapter {
        private final StreamSetup streams;

        SwitchedToHttp2(StreamSetup streams) {
            this.streams = streams;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            streams.connection(ctx.channel());
            if (pipeline.get(HTTP1_PROXY) != null) {
                pipeline.remove(HTTP1_PROXY);
            }
            // the HTTP/1.1 request handlers: HTTP/2 streams have their own
            for (String http1 : new String[] {UpgradeWindow.NAME, RequestReadTimeouts.BYTES_NAME,
                    RequestReadTimeouts.MESSAGES_NAME, RequestGuard.NAME}) {
                if (pipeline.get(http1) != null) {
                    pipeline.remove(http1);
                }
            }
            ctx.channel().config().setAutoRead(true);
            // One read (at most 64 KiB) per turn of the event loop, not Netty's 16: a client writing frames as fast
            // as it can (a SETTINGS or PING flood, thousands of frames in each read) then holds the loop for
            // milliseconds, not for a megabyte of frames, while the loop's other connections wait.
            ctx.channel().config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(1));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
                if (codec == null || codec.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
                return;
            }
            if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
                ReferenceCountUtil.release(evt);
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            streams.connection(ctx.channel()).close();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // one warning per hostile connection would let a client that reconnects fill the log
            LOG.debug("{}: HTTP/2 connection failed: {}", ctx.channel().remoteAddress(), cause.toString());
            if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) == null) {
                ctx.close();
                return;
            }
            // an HTTP/2 connection error (a flood bound) is the frame codec's to answer, GOAWAY with its code then
            // close; meanwhile no stream of the connection may reach a backend
            streams.connection(ctx.channel()).markFailed();
        }
    }

    /**
     * What the streams of one connection share: the connection's state, and the stream codec the multiplexer gives
     * each stream channel, which adds the stream's proxy handler behind itself. Only the proxy handler is the
     * stream's own: a stream lives for one request, so whatever is made for it is made per request.
     */
    private final class StreamSetup {
        private ClientConnectionState connection;

        /**
         * The handler that gives the connection's streams to their proxy handlers: Netty's multiplexer, a channel per
         * stream with the stream codec (setting {@code http2StreamChannels}), else one handler for all of them.
         */
        ChannelHandler handler(Http2FrameCodec codec, Http2ControlFrameFloodGuard guard) {
            if (settings.http2StreamChannels()) {
                return new Http2MultiplexHandler(new ClientStreamCodec(bodyIdleNanos,
                        stream -> new ProxyHandler(context, connection(stream.parent()))));
            }
            return new Http2ClientStreams(codec, context, this::connection, guard, bodyIdleNanos);
        }

        /** The connection's state, made on first use (by the first of its streams or its switch to HTTP/2). */
        ClientConnectionState connection(Channel channel) {
            ClientConnectionState state = connection;
            if (state == null) {
                state = new ClientConnectionState(context, channel);
                connection = state;
            }
            return state;
        }
    }

    static boolean isHttp2(Channel channel) {
        return channel.pipeline().get(Http2FrameCodec.class) != null;
    }
}
