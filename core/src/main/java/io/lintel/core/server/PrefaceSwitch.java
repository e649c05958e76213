package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * HTTP/2 by prior knowledge on a clear-text connection: a client whose first bytes are HTTP/2's connection preface
 * gets the HTTP/2 handlers in place of the HTTP/1.1 codec and its upgrade window; any other first bytes leave the
 * connection to HTTP/1.1. Either way this handler then leaves the pipeline, handing on what it has read (the preface
 * included: the HTTP/2 codec reads it again).
 */
final class PrefaceSwitch extends ByteToMessageDecoder {

    /** The name of this handler in a connection's pipeline. */
    static final String NAME = "h2c-preface";

    private static final ByteBuf PREFACE = Unpooled.unreleasableBuffer(Http2CodecUtil.connectionPrefaceBuf())
            .asReadOnly();

    private final String codecName;
    private final ChannelHandler http2;

    /**
     * @param codecName the name of the connection's HTTP/1.1 server codec, removed when the client speaks HTTP/2
     * @param http2 added in this handler's place when the client speaks HTTP/2
     */
    PrefaceSwitch(String codecName, ChannelHandler http2) {
        this.codecName = requireNonNull(codecName, "codecName");
        this.http2 = requireNonNull(http2, "http2");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int compared = Math.min(in.readableBytes(), prefaceLength);
        ChannelPipeline pipeline = ctx.pipeline();
        if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), compared)) {
            pipeline.remove(this);
        } else if (compared == prefaceLength) {
            pipeline.remove(codecName);
            pipeline.remove(UpgradeWindow.NAME);
            pipeline.addAfter(ctx.name(), null, http2);
            pipeline.remove(this);
        }
        // else: the preface so far, more to read before deciding
    }
}
