package io.lintel.core.passthrough;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.PassthroughRouter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a connection on a TLS socket: reads (and buffers, without consuming) the ClientHello, asks the
 * current {@link PassthroughRouter} what its server name (SNI) gets, and then
 * <ul>
 *   <li>relays: connects to a backend endpoint of the chosen TLSRoute on the connection's own event loop, puts a
 *       {@link RelayHandler} in both pipelines and removes itself, which replays the buffered ClientHello to the
 *       backend first; the client is not read from until the backend is connected;
 *   <li>terminates: installs the HTTPS termination handlers after itself and removes itself;
 *   <li>rejects (no server name, no route, no usable backend, connect failure): closes the connection.
 * </ul>
 * A relayed connection no longer consults the route table, so it survives configuration reloads. When the client
 * goes away while the backend is being connected, the backend connection is closed too. One instance per connection.
 */
public final class SniRouteHandler extends AbstractSniHandler<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(SniRouteHandler.class);

    private final Supplier<PassthroughRouter> router;
    private final TlsTermination termination;
    private final Class<? extends Channel> channelClass;
    private final Duration connectTimeout;
    private final Duration idleTimeout;

    /**
     * @param router the router of the socket in the current route table; may return null when the socket is no longer
     *     served (the connection is closed)
     * @param termination what to install for a connection an HTTPS listener takes
     * @param channelClass the socket channel type of the event loops (NIO, epoll)
     * @param connectTimeout how long the backend connect may take
     * @param idleTimeout how long a relayed connection may stay without traffic in either direction; zero for ever
     * @param clientHelloTimeout how long the client may take to send its ClientHello (plus the connect)
     */
    public SniRouteHandler(Supplier<PassthroughRouter> router, TlsTermination termination,
            Class<? extends Channel> channelClass, Duration connectTimeout, Duration idleTimeout,
            Duration clientHelloTimeout) {
        super(clientHelloTimeout.plus(connectTimeout).toMillis());
        this.router = requireNonNull(router, "router");
        this.termination = requireNonNull(termination, "termination");
        this.channelClass = requireNonNull(channelClass, "channelClass");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
    }

    /** Completes with the connected backend channel, with null for termination, or fails for a rejection. */
    @Override
    protected Future<Channel> lookup(ChannelHandlerContext ctx, String hostname) {
        PassthroughRouter current = router.get();
        PassthroughRouter.Decision decision = current == null
                ? new PassthroughRouter.Reject("the socket is no longer served")
                : current.route(hostname);
        if (decision instanceof PassthroughRouter.Terminate) {
            return ctx.executor().newSucceededFuture(null);
        }
        if (decision instanceof PassthroughRouter.Reject reject) {
            return ctx.executor().newFailedFuture(new RouteRejectedException(reject.why()));
        }
        PassthroughRouter.Relay relay = (PassthroughRouter.Relay) decision;
        BackendEndpoint endpoint = relay.route().pickEndpoint();
        if (endpoint == null) {
            return ctx.executor().newFailedFuture(new RouteRejectedException(
                    relay.route().name() + " has no usable backend endpoint"));
        }
        return connect(ctx, endpoint);
    }

    private Future<Channel> connect(ChannelHandlerContext ctx, BackendEndpoint endpoint) {
        Channel client = ctx.channel();
        Promise<Channel> connected = ctx.executor().newPromise();
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channel(channelClass)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new RelayHandler(client))
                .connect(endpoint.socketAddress());
        Channel backend = connect.channel();
        // whatever happens to the client, the backend connection must not outlive it
        client.closeFuture().addListener((ChannelFutureListener) f -> backend.close());
        connect.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                connected.trySuccess(backend);
            } else {
                connected.tryFailure(new RouteRejectedException("cannot connect to " + endpoint.address() + ":"
                        + endpoint.port() + ": " + f.cause()));
            }
        });
        return connected;
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Channel> future) {
        if (!future.isSuccess()) {
            LOG.debug("{}: TLS connection for server name {} closed: {}", ctx.channel().remoteAddress(), hostname,
                    future.cause().getMessage());
            ctx.close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        Channel backend = future.getNow();
        if (backend == null) {
            termination.install(pipeline, ctx.name());
            pipeline.remove(this);
            return;
        }
        if (!ctx.channel().isActive()) {
            backend.close();
            return;
        }
        IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
        long idleNanos = idleTimeout.toNanos();
        if (idle != null) {
            pipeline.remove(idle);
        }
        if (idleNanos > 0) {
            // traffic in either direction keeps a relayed connection alive
            pipeline.addBefore(ctx.name(), "idle", new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
        }
        pipeline.addAfter(ctx.name(), "relay", new RelayHandler(backend));
        // hands the buffered ClientHello (and whatever followed it) to the relay, which writes it to the backend
        pipeline.remove(this);
        backend.read();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // not TLS, a malformed or oversized ClientHello, a reset: the client's problem, not the gateway's
        LOG.debug("{}: closing before a route was chosen: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Why a connection was not routed; for the debug log only, so without a stack trace. */
    static final class RouteRejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        RouteRejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
