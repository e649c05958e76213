package io.lintel.core.udp;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.UdpDropReason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of a flow's backend socket: relays each answer of the backend to the flow's client, from the listening
 * socket (the address the client sent to), and closes the flow when the backend socket fails (e.g. ICMP port
 * unreachable on the connected socket: the next datagram of the client starts a new flow, which may pick another
 * endpoint). One instance per flow.
 */
final class UdpBackendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UdpBackendHandler.class);

    private final UdpFlow flow;
    private final UdpFlows flows;
    private final Channel listener;
    private boolean written;

    UdpBackendHandler(UdpFlow flow, UdpFlows flows, Channel listener) {
        this.flow = requireNonNull(flow, "flow");
        this.flows = requireNonNull(flows, "flows");
        this.listener = requireNonNull(listener, "listener");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf content;
        if (msg instanceof DatagramPacket packet) {
            content = packet.content();
        } else if (msg instanceof ByteBuf buf) {
            content = buf;
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (content.readableBytes() > flows.settings().maxDatagramBytes()) {
            flows.counters().dropped(UdpDropReason.OVERSIZED);
            content.release();
            return;
        }
        if (flow.closed()) {
            // read in the same burst as the flow's close: its client is no longer relayed to
            content.release();
            return;
        }
        flow.answered();
        if (!listener.isWritable()) {
            flows.counters().dropped(UdpDropReason.OVERLOAD);
            content.release();
            return;
        }
        // the listener's write releases the content, sent or not
        flows.counters().relayed(false, content.readableBytes());
        listener.write(new DatagramPacket(content, flow.client), listener.voidPromise());
        written = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // one flush per read burst, not per datagram
        if (written) {
            written = false;
            listener.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flows.close(flow);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("UDP flow {} closed: {}", flow, cause.toString());
        flows.close(flow);
    }
}
