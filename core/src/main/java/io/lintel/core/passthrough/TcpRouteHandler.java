package io.lintel.core.passthrough;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.RelayKind;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledTlsRoute;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a connection on a TCP socket: as soon as the connection is accepted, picks a backend endpoint
 * of the socket's TCPRoute (by weight), connects to it on the connection's own event loop, then relays both ways
 * with {@link RelayHandler}s and removes itself. The client is not read from until the backend is connected (the
 * backend may speak first). Without a route, a usable backend or a successful connect, the connection is closed. A
 * relayed connection no longer consults the route table, so it survives configuration reloads. One instance per
 * connection.
 */
public final class TcpRouteHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TcpRouteHandler.class);

    private final Supplier<CompiledTlsRoute> route;
    private final RelayConnector connector;

    /**
     * @param route the TCPRoute of the socket in the current route table; null when there is none (or the socket is
     *     no longer served)
     * @param connector connects backends and wires relays
     */
    public TcpRouteHandler(Supplier<CompiledTlsRoute> route, RelayConnector connector) {
        this.route = requireNonNull(route, "route");
        this.connector = requireNonNull(connector, "connector");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        CompiledTlsRoute current = route.get();
        BackendEndpoint endpoint = current == null ? null : current.pickEndpoint();
        if (endpoint == null) {
            LOG.debug("{}: TCP connection closed: {}", ctx.channel().remoteAddress(), current == null
                    ? "no TCPRoute is attached" : current.name() + " has no usable backend endpoint");
            ctx.close();
            return;
        }
        connector.connect(ctx.channel(), endpoint).addListener((Future<Channel> f) -> connected(ctx, f));
    }

    private void connected(ChannelHandlerContext ctx, Future<Channel> connect) {
        if (!connect.isSuccess()) {
            LOG.debug("{}: TCP connection closed: {}", ctx.channel().remoteAddress(), connect.cause().getMessage());
            ctx.close();
            return;
        }
        Channel backend = connect.getNow();
        if (!ctx.channel().isActive()) {
            backend.close();
            return;
        }
        connector.relay(ctx.pipeline(), ctx.name(), backend, RelayKind.TCP);
        ctx.pipeline().remove(this);
        backend.read();
        ctx.channel().read();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset before the backend answered: the client's business, not an error of the gateway
        LOG.debug("{}: closing before the backend was connected: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
