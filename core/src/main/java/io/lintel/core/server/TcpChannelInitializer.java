package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.passthrough.RelayConnector;
import io.lintel.core.passthrough.TcpRouteHandler;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.route.CompiledSocket;
import io.lintel.core.route.CompiledTlsRoute;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * The pipeline of an accepted connection on a TCP socket: idle timeout, then a {@link TcpRouteHandler} that relays the
 * connection to a backend of the socket's TCPRoute.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {

    private final ProxyContext context;
    private final RelayConnector connector;
    private final DataPlaneSettings settings;
    private final ChannelGroup connections;

    TcpChannelInitializer(ProxyContext context, RelayConnector connector, DataPlaneSettings settings,
            ChannelGroup connections) {
        this.context = requireNonNull(context, "context");
        this.connector = requireNonNull(connector, "connector");
        this.settings = requireNonNull(settings, "settings");
        this.connections = requireNonNull(connections, "connections");
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = ClientIdle.start(channel, settings, connections);
        pipeline.addLast("tcp-route", new TcpRouteHandler(this::route, connector));
    }

    /** The socket's route in the table current now: a connection is routed by the configuration it arrives under. */
    private CompiledTlsRoute route() {
        CompiledSocket socket = context.table().get().sockets().get(context.socket());
        return socket == null ? null : socket.tcpRoute();
    }
}
