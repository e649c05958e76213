package io.lintel.core.passthrough;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a relay: whatever its channel reads is written to the peer channel, untouched. One instance sits
 * in the client connection (writing to the backend) and one in the backend connection (writing to the client); both
 * channels run on the same event loop and have AUTO_READ off.
 *
 * <p>Backpressure: a channel asks for more only after a read burst has been flushed to a writable peer; when the peer
 * becomes writable again, the peer's handler asks this side to read. When either side closes (or fails, or the
 * connection idles out), the other is closed after its pending writes are flushed.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final Channel peer;
    private final boolean toBackend;
    /** The connection's counts; null on the backend's side until the relay is wired ({@link #countInto}). */
    private RelayCounts counts;
    /** Bytes read since they were last added to the counts (once per read burst, not per read). */
    private long uncounted;

    /**
     * @param peer where this channel's bytes go
     * @param counts the relayed connection's metrics, or null until {@link #countInto}
     * @param toBackend whether this channel is the client's (its bytes go to the backend); it closes the counts
     */
    RelayHandler(Channel peer, RelayCounts counts, boolean toBackend) {
        this.peer = requireNonNull(peer, "peer");
        this.counts = counts;
        this.toBackend = toBackend;
    }

    /** Counts this side's bytes (the backend's) into the relayed connection's counts. */
    void countInto(RelayCounts relayCounts) {
        counts = relayCounts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            uncounted += bytes.readableBytes();
        }
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        // a failed write releases the message; closing this side then closes the peer (channelInactive)
        peer.write(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                LOG.debug("{} -> {}: relay write failed: {}", ctx.channel().remoteAddress(), peer.remoteAddress(),
                        String.valueOf(f.cause()));
                ctx.close();
            }
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (counts != null && uncounted > 0) {
            counts.relayed(toBackend, uncounted);
            uncounted = 0;
        }
        peer.flush();
        if (peer.isWritable()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            // the peer stopped reading when this channel filled up: let it go on
            peer.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (toBackend && counts != null) {
            counts.close();
        }
        closeAfterFlush(peer);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            LOG.debug("{}: relayed connection idle, closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets and aborted handshakes are the clients' and backends' business, not errors of the gateway
        LOG.debug("{}: relayed connection failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    static void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
