package io.lintel.core.passthrough;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.RelayKind;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.PassthroughRouter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
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
 *   <li>relays decrypted (a TLS listener in Terminate mode): the same, with TLS termination installed in front of the
 *       client's relay handler, so that the ClientHello goes to it and the backend sees plain bytes;
 *   <li>terminates: installs the HTTPS termination handlers after itself and removes itself;
 *   <li>rejects (no server name, no route, no usable backend, connect failure): closes the connection.
 * </ul>
 * A relayed connection no longer consults the route table, so it survives configuration reloads. When the client
 * goes away while the backend is being connected, the backend connection is closed too. One instance per connection.
 */
public final class SniRouteHandler extends AbstractSniHandler<SniRouteHandler.Routed> {

    private static final Logger LOG = LoggerFactory.getLogger(SniRouteHandler.class);

    /** Where a connection goes: a connected backend (decrypted or not), or, when {@code backend} is null, HTTPS. */
    record Routed(Channel backend, boolean decrypt) {}

    private static final Routed TERMINATE = new Routed(null, false);

    private final Supplier<PassthroughRouter> router;
    private final TlsTermination termination;
    private final TlsTermination decryption;
    private final RelayConnector connector;

    /**
     * @param router the router of the socket in the current route table; may return null when the socket is no longer
     *     served (the connection is closed)
     * @param termination what to install for a connection an HTTPS listener takes
     * @param decryption what to install (TLS only, no HTTP) for a connection a TLS listener in Terminate mode relays
     * @param connector connects backends and wires relays
     * @param clientHelloTimeout how long the client may take to send its ClientHello (plus the connect)
     * @param connectTimeout how long the backend connect may take (added to the ClientHello timeout)
     */
    public SniRouteHandler(Supplier<PassthroughRouter> router, TlsTermination termination, TlsTermination decryption,
            RelayConnector connector, Duration clientHelloTimeout, Duration connectTimeout) {
        super(clientHelloTimeout.plus(connectTimeout).toMillis());
        this.router = requireNonNull(router, "router");
        this.termination = requireNonNull(termination, "termination");
        this.decryption = requireNonNull(decryption, "decryption");
        this.connector = requireNonNull(connector, "connector");
    }

    /** Completes with where the connection goes, or fails for a rejection. */
    @Override
    protected Future<Routed> lookup(ChannelHandlerContext ctx, String hostname) {
        PassthroughRouter current = router.get();
        PassthroughRouter.Decision decision = current == null
                ? new PassthroughRouter.Reject("the socket is no longer served")
                : current.route(hostname);
        if (decision instanceof PassthroughRouter.Terminate) {
            return ctx.executor().newSucceededFuture(TERMINATE);
        }
        if (decision instanceof PassthroughRouter.Reject reject) {
            return ctx.executor().newFailedFuture(new RelayConnector.RouteRejectedException(reject.why()));
        }
        PassthroughRouter.Relay relay = (PassthroughRouter.Relay) decision;
        BackendEndpoint endpoint = relay.route().pickEndpoint();
        if (endpoint == null) {
            return ctx.executor().newFailedFuture(new RelayConnector.RouteRejectedException(
                    relay.route().name() + " has no usable backend endpoint"));
        }
        Promise<Routed> routed = ctx.executor().newPromise();
        connector.connect(ctx.channel(), endpoint).addListener((Future<Channel> f) -> {
            if (f.isSuccess()) {
                routed.trySuccess(new Routed(f.getNow(), relay.decrypt()));
            } else {
                routed.tryFailure(f.cause());
            }
        });
        return routed;
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Routed> future) {
        if (!future.isSuccess()) {
            LOG.debug("{}: TLS connection for server name {} closed: {}", ctx.channel().remoteAddress(), hostname,
                    future.cause().getMessage());
            ctx.close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        Routed routed = future.getNow();
        if (routed.backend() == null) {
            termination.install(pipeline, ctx.name());
            pipeline.remove(this);
            return;
        }
        if (!ctx.channel().isActive()) {
            routed.backend().close();
            return;
        }
        if (routed.decrypt()) {
            decryption.install(pipeline, ctx.name());
        }
        connector.relay(pipeline, ctx.name(), routed.backend(),
                routed.decrypt() ? RelayKind.TLS_TERMINATE : RelayKind.TLS_PASSTHROUGH);
        // hands the buffered ClientHello (and whatever followed it) on: to the relay, which writes it to the backend,
        // or to the TLS termination in front of it
        pipeline.remove(this);
        routed.backend().read();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // not TLS, a malformed or oversized ClientHello, a reset: the client's problem, not the gateway's
        LOG.debug("{}: closing before a route was chosen: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
