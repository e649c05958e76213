package io.lintel.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledBackend;
import io.lintel.core.route.CompiledTlsRoute;
import io.lintel.core.route.WeightedBackendPicker;
import io.lintel.core.server.NettyLeakDetection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listening socket's handler on an {@link EmbeddedChannel}: the paths that start no flow (no route, no usable
 * backend, a datagram over the bound, something that is not a datagram) drop and count, and release
 * what they were given (paranoid leak detection). Relaying itself is tested over real sockets
 * ({@code UdpRelayDataPlaneTest}): a flow's backend socket needs a real event loop.
 */
@ExtendWith(NettyLeakDetection.class)
class UdpRelayHandlerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5300);

    private final AtomicReference<CompiledTlsRoute> route = new AtomicReference<>();
    private final UdpCounters counters = new UdpCounters();
    private EmbeddedChannel channel;

    private void start(UdpSettings settings) {
        channel = new EmbeddedChannel(new UdpRelayHandler(route::get, settings, counters, NioDatagramChannel.class));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static DatagramPacket datagram(int length) {
        ByteBuf content = Unpooled.buffer(length).writeZero(length);
        return new DatagramPacket(content, LOCAL, CLIENT);
    }

    private static CompiledTlsRoute routeWithoutEndpoints() {
        return new CompiledTlsRoute("udproute/infra/bad", new WeightedBackendPicker(List.of(
                new CompiledBackend("infra/missing:53", 1, 500, List.<BackendEndpoint>of(), List.of()))));
    }

    @Test
    void dropsDatagramsWithoutARoute() {
        start(UdpSettings.DEFAULTS);

        channel.writeInbound(datagram(10));

        assertThat(counters.unrouted()).isEqualTo(1);
        assertThat(counters.flowsOpened()).isZero();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void dropsDatagramsWhoseRouteHasNoUsableBackend() {
        start(UdpSettings.DEFAULTS);
        route.set(routeWithoutEndpoints());

        channel.writeInbound(datagram(10));

        assertThat(counters.unrouted()).isEqualTo(1);
        assertThat(counters.flowsOpened()).isZero();
    }

    @Test
    void dropsDatagramsLongerThanTheBoundBeforeLookingForARoute() {
        start(UdpSettings.DEFAULTS.withMaxDatagramBytes(512));

        channel.writeInbound(datagram(513));

        assertThat(counters.oversized()).isEqualTo(1);
        assertThat(counters.unrouted()).isZero();
    }

    @Test
    void releasesWhatIsNotADatagram() {
        start(UdpSettings.DEFAULTS);
        ByteBuf stray = Unpooled.buffer(4).writeInt(1);

        channel.writeInbound(stray);

        assertThat(stray.refCnt()).isZero();
        assertThat(counters.unrouted()).isZero();
    }

    @Test
    void aTableChangeWithoutFlowsClosesNothing() {
        start(UdpSettings.DEFAULTS);

        channel.pipeline().fireUserEventTriggered(UdpRelayHandler.TABLE_CHANGED);

        assertThat(counters.flowsOpen()).isZero();
        assertThat(channel.isOpen()).isTrue();
    }
}
