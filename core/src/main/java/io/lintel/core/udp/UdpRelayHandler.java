package io.lintel.core.udp;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.CompiledTlsRoute;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of a listening UDP socket (a listener of protocol UDP): each client address:port is a flow
 * ({@link UdpFlows}) relayed to one backend endpoint of the socket's UDPRoute, picked by weight when the flow starts.
 * A configuration change applies to new flows; the flows of a route that is no longer the socket's are closed when
 * the table changes ({@link #TABLE_CHANGED}), and all of them when the socket closes. One instance per socket.
 */
public final class UdpRelayHandler extends ChannelInboundHandlerAdapter {

    /** The user event the data plane fires on a UDP socket's pipeline after it swapped the route table. */
    public static final Object TABLE_CHANGED = new Object() {
        @Override
        public String toString() {
            return "TABLE_CHANGED";
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(UdpRelayHandler.class);

    private final UdpFlows flows;

    /**
     * @param route the socket's route in the current route table; null when it has none
     * @param channelClass the class of the flows' backend sockets (the transport of the event loops)
     */
    public UdpRelayHandler(Supplier<CompiledTlsRoute> route, UdpSettings settings, UdpCounters counters,
            Class<? extends DatagramChannel> channelClass) {
        this.flows = new UdpFlows(requireNonNull(route, "route"), settings, counters, channelClass);
    }

    /** Flows open now (call on the socket's event loop, e.g. in tests through {@code eventLoop().submit}). */
    public int flows() {
        return flows.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            // the content's ownership goes to the flow (or it is released there)
            flows.relay(ctx.channel(), packet.sender(), packet.content());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == TABLE_CHANGED) {
            flows.tableChanged();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flows.closeAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failed send to one client must not close the socket every other client uses
        LOG.debug("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
