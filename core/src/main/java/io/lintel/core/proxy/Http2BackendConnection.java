package io.lintel.core.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a backend connection whose protocol multiplexes HTTP/2 streams: counts the streams its
 * exchanges use, learns from the backend's {@code SETTINGS} how many it may open at once, stops taking new streams on
 * the backend's {@code GOAWAY} (those it had accepted finish; the connection closes after the last), and opens one
 * child stream channel per exchange ({@link #openStream}) for its {@link Http2BackendStreams}.
 *
 * <p>The connection reads all the time (unlike an HTTP/1.1 backend connection, which reads when its one exchange can
 * pass data on): backpressure is per stream, by HTTP/2 flow control, since a stream channel returns the bytes of a
 * DATA frame to the backend's window only when its exchange has read them. So that one slow client cannot stall the
 * other streams by holding the connection's window, that window is made as large as the stream windows of all the
 * streams the connection may carry.
 */
final class Http2BackendConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Http2BackendConnection.class);

    private final Http2BackendStreams streams;
    private final int maxConcurrentStreams;
    private Channel channel;
    private Http2StreamChannelBootstrap bootstrap;
    /** What the backend's SETTINGS allow at once; unknown (and no stream opened) until they arrive. */
    private int peerMaxConcurrentStreams = -1;
    private int openStreams;
    private boolean goAwayReceived;

    Http2BackendConnection(Http2BackendStreams streams, int maxConcurrentStreams) {
        this.streams = streams;
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    Channel channel() {
        return channel;
    }

    /** The connection's channel, known as soon as the connect starts (before this handler is added). */
    void channel(Channel connecting) {
        channel = connecting;
    }

    /** Whether the backend's first SETTINGS arrived, so that its stream limit is known. */
    boolean ready() {
        return peerMaxConcurrentStreams >= 0;
    }

    /**
     * Whether the connection is closing or drains after a GOAWAY: it takes no new streams. (One still connecting is
     * open, and counts.)
     */
    boolean draining() {
        return goAwayReceived || !channel.isOpen();
    }

    /** How many streams it may carry at once (the lower of the backend's limit and the gateway's), once ready. */
    int capacity() {
        return Math.min(maxConcurrentStreams, peerMaxConcurrentStreams);
    }

    /** Whether a new exchange may get a stream here now. */
    boolean hasFreeStream() {
        return ready() && !draining() && openStreams < capacity();
    }

    int openStreams() {
        return openStreams;
    }

    /**
     * Opens a stream for an exchange and completes {@code promise} with its handler; when the promise was completed
     * meanwhile (the exchange went away), the stream is closed unused.
     */
    void openStream(Promise<BackendHandler> promise) {
        openStreams++;
        Future<Http2StreamChannel> opened = bootstrap.open();
        opened.addListener(f -> {
            if (!opened.isSuccess()) {
                streamClosed();
                promise.tryFailure(opened.cause());
                return;
            }
            Http2StreamChannel stream = opened.getNow();
            stream.closeFuture().addListener(c -> streamClosed());
            BackendHandler handler = BackendHandler.of(stream);
            if (handler == null || !promise.trySuccess(handler)) {
                stream.close();
            }
        });
    }

    private void streamClosed() {
        openStreams--;
        if (goAwayReceived && openStreams == 0) {
            // not from within the stream's close: on io_uring that runs inside the completion of the stream's last
            // write, and a close of the connection started there sent its GOAWAY but never closed the socket
            channel.eventLoop().execute(() -> channel.close());
            return;
        }
        streams.capacityFreed();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        bootstrap = new Http2StreamChannelBootstrap(channel)
                // an exchange reads its stream when it can pass the response on (see the class comment)
                .option(ChannelOption.AUTO_READ, false)
                .handler(streams.streamInitializer());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // frames of every stream arrive on this connection; each stream's own backpressure is its flow-control window
        ctx.channel().config().setAutoRead(true);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2SettingsFrame settings) {
                onSettings(ctx, settings);
            } else if (msg instanceof Http2GoAwayFrame goAway) {
                onGoAway(goAway);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Flushes what stream channels wrote while this connection read (an exchange answering a response part with a
     * request part, a retry on a new stream): Netty's multiplexer skips their flushes during the read, and flushes
     * after it only for streams that read something.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    private void onSettings(ChannelHandlerContext ctx, Http2SettingsFrame frame) {
        Long max = frame.settings().maxConcurrentStreams();
        boolean first = !ready();
        if (max != null) {
            peerMaxConcurrentStreams = (int) Math.min(Integer.MAX_VALUE, max);
        } else if (first) {
            peerMaxConcurrentStreams = Integer.MAX_VALUE;
        }
        if (first) {
            // every stream may hold a full stream window unread without stalling the others (see the class comment)
            long window = (long) Http2CodecUtil.DEFAULT_WINDOW_SIZE * Math.max(1, Math.min(capacity(), 256));
            int increment = (int) Math.min(Integer.MAX_VALUE - Http2CodecUtil.DEFAULT_WINDOW_SIZE,
                    window - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
            if (increment > 0) {
                ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increment), ctx.voidPromise());
            }
        }
        streams.connectionReady(this);
    }

    private void onGoAway(Http2GoAwayFrame frame) {
        LOG.debug("backend {} sent GOAWAY (last stream {}, {}): no new streams on it", channel, frame.lastStreamId(),
                frame.errorCode());
        goAwayReceived = true;
        if (openStreams == 0) {
            channel.close();
        } else {
            // the exchanges it refused are failed by the codec closing their streams; new ones go elsewhere
            streams.capacityFreed();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && openStreams == 0) {
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("backend connection {} failed", ctx.channel(), cause);
        ctx.close();
    }
}
