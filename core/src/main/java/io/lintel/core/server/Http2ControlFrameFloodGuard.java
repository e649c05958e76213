package io.lintel.core.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;

/**
 * Ends an HTTP/2 connection whose client sends SETTINGS or PING frames in bulk with no request traffic between them
 * (GOAWAY ENHANCE_YOUR_CALM through the frame codec). Netty bounds only the acknowledgements queued for a client that
 * does not read them; a client that reads them, or whose socket takes a few megabytes first, makes the gateway decode
 * and answer hundreds of thousands of frames a second. Sits between the frame codec and the multiplexer.
 *
 * <p>What counts is control frames in one window with no HEADERS or DATA frame, either way, in between, as gRPC
 * servers judge pings: a gRPC client's flow-control pings follow the DATA it receives, and keep-alive pings come
 * seconds apart, so neither reaches the bound.
 */
final class Http2ControlFrameFloodGuard extends ChannelDuplexHandler {

    private final Http2FrameCodec codec;
    private final int maxFrames;
    private final long windowNanos;
    private int frames;
    private long windowStart;
    private boolean tripped;

    Http2ControlFrameFloodGuard(Http2FrameCodec codec, Http2FloodLimits limits) {
        this.codec = codec;
        this.maxFrames = limits.maxControlFramesWithoutRequests();
        this.windowNanos = limits.controlFrameWindowSeconds() * 1_000_000_000L;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame || msg instanceof Http2DataFrame) {
            frames = 0;
        } else if (msg instanceof Http2SettingsFrame || msg instanceof Http2PingFrame ping && !ping.ack()) {
            countControlFrame(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Http2HeadersFrame || msg instanceof Http2DataFrame) {
            frames = 0;
        }
        ctx.write(msg, promise);
    }

    /**
     * A response's HEADERS or DATA written past the pipeline, straight to the codec's encoder
     * ({@link Http2ClientStreams}): counts as the frames {@link #write} sees.
     */
    void onStreamTraffic() {
        frames = 0;
    }

    private void countControlFrame(ChannelHandlerContext ctx) {
        if (maxFrames == 0 || windowNanos == 0 || tripped) {
            return;
        }
        long now = System.nanoTime();
        if (frames == 0 || now - windowStart > windowNanos) {
            frames = 0;
            windowStart = now;
        }
        if (++frames > maxFrames) {
            tripped = true;
            ChannelHandlerContext codecContext = ctx.pipeline().context(codec);
            if (codecContext != null) {
                codec.onError(codecContext, false, Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM,
                        "more than %d SETTINGS and PING frames within %d s without a request",
                        maxFrames, windowNanos / 1_000_000_000L));
            }
        }
    }
}
