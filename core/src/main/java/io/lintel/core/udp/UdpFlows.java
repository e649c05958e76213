package io.lintel.core.udp;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.UdpDropReason;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledTlsRoute;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows of one listening UDP socket, by client address:port. Confined to the socket's event loop (a datagram
 * socket is one channel, so all its flows and their backend sockets run on that loop): a plain map, bounded by
 * {@link UdpSettings#maxFlowsPerListener}, each flow expiring by its own timer. Not a Caffeine cache: removing a
 * flow closes its socket, which must happen on this loop, at the moment the flow is removed.
 */
final class UdpFlows {

    private static final Logger LOG = LoggerFactory.getLogger(UdpFlows.class);

    private final Map<InetSocketAddress, UdpFlow> byClient = new HashMap<>();
    private final Supplier<CompiledTlsRoute> route;
    private final UdpSettings settings;
    private final UdpCounters counters;
    private final Class<? extends DatagramChannel> channelClass;

    /**
     * @param route the socket's route in the current table (null when it has none): read when a flow starts, and
     *     when the table changes, to close the flows of a route that is gone
     */
    UdpFlows(Supplier<CompiledTlsRoute> route, UdpSettings settings, UdpCounters counters,
            Class<? extends DatagramChannel> channelClass) {
        this.route = requireNonNull(route, "route");
        this.settings = requireNonNull(settings, "settings");
        this.counters = requireNonNull(counters, "counters");
        this.channelClass = requireNonNull(channelClass, "channelClass");
    }

    UdpSettings settings() {
        return settings;
    }

    UdpCounters counters() {
        return counters;
    }

    int size() {
        return byClient.size();
    }

    /** Relays a datagram of {@code client} that arrived on {@code listener}; takes ownership of {@code datagram}. */
    void relay(Channel listener, InetSocketAddress client, ByteBuf datagram) {
        if (datagram.readableBytes() > settings.maxDatagramBytes()) {
            counters.dropped(UdpDropReason.OVERSIZED);
            datagram.release();
            return;
        }
        UdpFlow flow = byClient.get(client);
        if (flow == null) {
            flow = start(listener, client);
            if (flow == null) {
                datagram.release();
                return;
            }
        }
        flow.toBackend(datagram);
    }

    /** A new flow of {@code client} to an endpoint of the current route, or null (counted) when none can start. */
    private UdpFlow start(Channel listener, InetSocketAddress client) {
        if (byClient.size() >= settings.maxFlowsPerListener()) {
            counters.dropped(UdpDropReason.FLOW_LIMIT);
            return null;
        }
        CompiledTlsRoute current = route.get();
        BackendEndpoint endpoint = current == null ? null : current.pickEndpoint();
        if (endpoint == null) {
            counters.dropped(UdpDropReason.NO_ROUTE);
            LOG.debug("UDP datagram of {} dropped: {}", client, current == null
                    ? "no UDPRoute is attached" : current.name() + " has no usable backend endpoint");
            return null;
        }
        UdpFlow flow = new UdpFlow(client, current.name(), endpoint, this);
        ChannelFuture connect = new Bootstrap()
                .group(listener.eventLoop())
                .channel(channelClass)
                // one byte more than relayed: a datagram that fills the buffer was longer (truncated) and is dropped
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(settings.maxDatagramBytes() + 1))
                .handler(new UdpBackendHandler(flow, this, listener))
                .connect(endpoint.socketAddress());
        byClient.put(client, flow);
        counters.flowOpened();
        flow.start(connect.channel(), listener.eventLoop());
        UdpFlow started = flow;
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("UDP flow {} closed: {}", started, f.cause() == null ? "connect failed" : f.cause().toString());
            }
            started.connected(f.isSuccess());
        });
        return flow;
    }

    /** Closes the flows not started by the socket's current route (it changed, or is gone): the table changed. */
    void tableChanged() {
        CompiledTlsRoute current = route.get();
        List<UdpFlow> stale = new ArrayList<>();
        for (UdpFlow flow : byClient.values()) {
            if (current == null || !current.name().equals(flow.routeName)) {
                stale.add(flow);
            }
        }
        stale.forEach(this::close);
        if (!stale.isEmpty()) {
            LOG.debug("{} UDP flow(s) closed: their route is no longer the socket's", stale.size());
        }
    }

    void expired(UdpFlow flow) {
        LOG.debug("UDP flow {} idle for {} s: closed", flow, settings.flowIdleTimeout().toSeconds());
        close(flow);
    }

    /** Removes and closes a flow (again: nothing). */
    void close(UdpFlow flow) {
        if (byClient.remove(flow.client, flow)) {
            counters.flowClosed();
        }
        flow.closeNow();
    }

    /** Closes every flow: the listening socket is closed. */
    void closeAll() {
        List.copyOf(byClient.values()).forEach(this::close);
    }
}
