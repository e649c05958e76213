package io.lintel.core.udp;

import io.lintel.core.route.CompiledTlsRoute;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import java.util.function.Supplier;

/** How the data plane binds a listening UDP socket: on its event loops, with a {@link UdpRelayHandler}. */
public final class UdpSocketBootstrap {

    /**
     * @param route the socket's route in the current route table; null when it has none
     * @param counters where the socket counts what it drops
     */
    public static Bootstrap of(EventLoopGroup group, Class<? extends DatagramChannel> channelClass,
            Supplier<CompiledTlsRoute> route, UdpSettings settings, UdpCounters counters) {
        return new Bootstrap()
                .group(group)
                .channel(channelClass)
                // one byte more than relayed: a datagram that fills the buffer was longer (truncated) and is dropped
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(settings.maxDatagramBytes() + 1))
                .handler(new UdpRelayHandler(route, settings, counters, channelClass));
    }

    private UdpSocketBootstrap() {}
}
