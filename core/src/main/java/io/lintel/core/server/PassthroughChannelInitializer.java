package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.passthrough.RelayConnector;
import io.lintel.core.passthrough.SniRouteHandler;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.route.CompiledSocket;
import io.lintel.core.route.PassthroughRouter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import java.time.Duration;

/**
 * The pipeline of an accepted connection on a TLS socket (one with TLS passthrough listeners): idle timeout, then a
 * {@link SniRouteHandler} that reads the ClientHello and either relays the TLS (raw, or decrypted for a listener in
 * Terminate mode) to a TLSRoute's backend or hands the connection to the HTTPS termination of
 * {@link TlsChannelInitializer}.
 */
final class PassthroughChannelInitializer extends ChannelInitializer<Channel> {

    private final ProxyContext context;
    private final TlsChannelInitializer termination;
    private final DataPlaneSettings settings;
    private final ChannelGroup connections;
    private final RelayConnector connector;

    PassthroughChannelInitializer(ProxyContext context, TlsChannelInitializer termination, DataPlaneSettings settings,
            ChannelGroup connections, RelayConnector connector) {
        this.context = requireNonNull(context, "context");
        this.termination = requireNonNull(termination, "termination");
        this.settings = requireNonNull(settings, "settings");
        this.connections = requireNonNull(connections, "connections");
        this.connector = requireNonNull(connector, "connector");
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = ClientIdle.start(channel, settings, connections);
        pipeline.addLast("first-read", new TlsChannelInitializer.FirstRead());
        pipeline.addLast("sni-route", new SniRouteHandler(this::router, termination::addTermination,
                termination::addDecryption, connector,
                Duration.ofMillis(TlsChannelInitializer.CLIENT_HELLO_TIMEOUT_MILLIS), settings.backendConnectTimeout()));
    }

    /** The socket's router in the table current now: a connection is routed by the configuration it arrives under. */
    private PassthroughRouter router() {
        CompiledSocket socket = context.table().get().sockets().get(context.socket());
        return socket == null ? null : socket.passthrough();
    }
}
