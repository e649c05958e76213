package io.lintel.core.server;

import io.lintel.core.proxy.ClientConnectionState;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.proxy.ProxyHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The streams of one client HTTP/2 connection, driven without a channel per stream: in place of Netty's multiplexer,
 * right after the frame codec (and the flood guard and flush consolidation), it gives each stream an
 * {@link Http2ClientStream} with the stream's {@link ProxyHandler}, hands it the stream's frames, and tells it when
 * the connection's read is done, when the stream can take more, when the client resets it and when it closes.
 * Responses go straight to the codec's encoder.
 *
 * <p>Per stream that saves what the multiplexer makes for one request (a channel, its pipeline and registration, a
 * promise and listener per frame written, the frames' HTTP/1.x conversion handlers); what the streams do is the
 * same: a stream is read only when its exchange asks (its DATA waits, unacknowledged, meanwhile), and a stream the
 * client cannot take more of stops its backend being read ({@code lintel.http2.streamChannels=false}).
 *
 * <p>One per connection, on its event loop.
 */
final class Http2ClientStreams extends ChannelInboundHandlerAdapter {

    private final Http2FrameCodec codec;
    private final ProxyContext context;
    private final Function<Channel, ClientConnectionState> state;
    private final Http2ControlFrameFloodGuard floodGuard;
    private final long bodyIdleNanos;
    private final IntObjectMap<Http2ClientStream> streams = new IntObjectHashMap<>();
    /** Streams that read in the connection's current read, told at its end. */
    private final List<Http2ClientStream> readComplete = new ArrayList<>();

    private ChannelHandlerContext ctx;
    private ChannelHandlerContext codecContext;
    private Http2Connection connection;
    private Http2LocalFlowController inbound;
    private Http2RemoteFlowController outbound;
    /** True while the connection's read is being dispatched (until its read-complete). */
    private boolean reading;
    /** Something was written (or acknowledged) outside a flush that will come anyway. */
    private boolean flushNeeded;

    Http2ClientStreams(Http2FrameCodec codec, ProxyContext context, Function<Channel, ClientConnectionState> state,
            Http2ControlFrameFloodGuard floodGuard, long bodyIdleNanos) {
        this.codec = codec;
        this.context = context;
        this.state = state;
        this.floodGuard = floodGuard;
        this.bodyIdleNanos = bodyIdleNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        codecContext = ctx.pipeline().context(codec);
        connection = codec.connection();
        inbound = connection.local().flowController();
        outbound = connection.remote().flowController();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (!(msg instanceof Http2StreamFrame frame) || frame.stream() == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        int id = frame.stream().id();
        Http2ClientStream stream = streams.get(id);
        if (msg instanceof Http2ResetFrame) {
            // not flow controlled: told whether the stream reads or not (its close follows from the codec)
            if (stream != null) {
                stream.onReset();
            }
            return;
        }
        if (!(msg instanceof Http2HeadersFrame) && !(msg instanceof Http2DataFrame)) {
            ReferenceCountUtil.release(msg);  // WINDOW_UPDATE, PRIORITY, unknown frames of a stream: nothing to do
            return;
        }
        if (stream == null) {
            if (!(msg instanceof Http2HeadersFrame) || connection.stream(id) == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            stream = new Http2ClientStream(this, frame.stream(), bodyIdleNanos);
            streams.put(id, stream);
            stream.start(new ProxyHandler(context, state.apply(ctx.channel()), stream));
        }
        stream.onFrame(frame);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (!readComplete.isEmpty()) {
            // (no stream joins the list meanwhile: outside the connection's read, a stream completes its reads itself)
            for (int i = 0; i < readComplete.size(); i++) {
                readComplete.get(i).onConnectionReadComplete();
            }
            readComplete.clear();
        }
        if (flushNeeded) {
            flushNeeded = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2FrameStreamEvent event) {
            Http2FrameStream frameStream = event.stream();
            Http2ClientStream stream = streams.get(frameStream.id());
            if (stream == null) {
                return;
            }
            if (event.type() == Http2FrameStreamEvent.Type.Writability) {
                stream.onWritabilityChanged();
            } else if (frameStream.state() == Http2Stream.State.CLOSED) {
                streams.remove(frameStream.id());
                stream.onClosed();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException streamError) {
            // an error of one stream (its frames broke a rule): the stream is reset with that error, as the
            // multiplexer resets a stream channel's
            Http2ClientStream stream = streams.get(streamError.stream().id());
            if (stream != null) {
                stream.reset(streamError.error());
            } else {
                resetStream(streamError.stream().id(), streamError.error());
            }
            flush();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // the codec closes the streams when the connection goes; whatever it did not tell about ends here
        if (!streams.isEmpty()) {
            List<Http2ClientStream> left = new ArrayList<>(streams.values());
            streams.clear();
            for (Http2ClientStream stream : left) {
                stream.onClosed();
            }
        }
        readComplete.clear();
        ctx.fireChannelInactive();
    }

    // ---- for the streams -------------------------------------------------------------------------------------

    ChannelHandlerContext context() {
        return ctx;
    }

    /** The codec's context, which its encoder writes through. */
    ChannelHandlerContext codecContext() {
        return codecContext;
    }

    Http2ConnectionEncoder encoder() {
        return codec.encoder();
    }

    Http2Stream http2Stream(int id) {
        return connection.stream(id);
    }

    Http2LocalFlowController inbound() {
        return inbound;
    }

    boolean isWritable(Http2Stream stream) {
        return stream != null && outbound.isWritable(stream);
    }

    /** Whether the connection's read is being dispatched: its read-complete comes, and flushes. */
    boolean reading() {
        return reading;
    }

    /** {@code stream} read in the connection's current read: it is told when the read is done. */
    void readInThisRead(Http2ClientStream stream) {
        readComplete.add(stream);
    }

    /** A response's HEADERS or DATA: request traffic, as far as the control-frame flood guard is concerned. */
    void streamTraffic() {
        floodGuard.onStreamTraffic();
    }

    /** Sends what was written, now or at the end of the connection's read. */
    void flush() {
        if (reading) {
            flushNeeded = true;
        } else {
            ctx.flush();
        }
    }

    void resetStream(int id, Http2Error error) {
        codec.resetStream(codecContext, id, error.code(), codecContext.newPromise());
    }

    /** Runs {@code task} on the connection's event loop later (after the current event). */
    void later(Runnable task) {
        ctx.executor().execute(task);
    }
}
