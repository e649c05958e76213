package io.lintel.core.passthrough;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.proxy.RelayKind;
import io.lintel.core.route.BackendEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Connects a client connection that is to be relayed (TLS passthrough or terminate, TCP) to its backend endpoint on
 * the client's own event loop, and then wires the two {@link RelayHandler}s. The backend connection never outlives
 * the client's: when the client goes away while the backend is being connected, the backend is closed too. Immutable
 * and thread-safe; shared by all connections of a socket.
 */
public final class RelayConnector {

    private final Class<? extends Channel> channelClass;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final ProxyMetrics metrics;

    /**
     * @param channelClass the socket channel type of the event loops (NIO, epoll)
     * @param connectTimeout how long the backend connect may take
     * @param idleTimeout how long a relayed connection may stay without traffic in either direction; zero for ever
     * @param metrics where relayed connections and bytes are counted ({@code lintel_relay_*})
     */
    public RelayConnector(Class<? extends Channel> channelClass, Duration connectTimeout, Duration idleTimeout,
            ProxyMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.channelClass = requireNonNull(channelClass, "channelClass");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
    }

    /**
     * Connects to {@code endpoint} with AUTO_READ off; the backend's bytes go to {@code client} once it reads.
     *
     * @return completes with the connected backend channel, or fails with a message naming the endpoint
     */
    Future<Channel> connect(Channel client, BackendEndpoint endpoint) {
        Promise<Channel> connected = client.eventLoop().newPromise();
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channel(channelClass)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new RelayHandler(client, null, false))
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

    /**
     * Makes the client's pipeline relay to {@code backend}: replaces the client's idle handler by one that counts
     * traffic in both directions and adds a {@link RelayHandler} at the end. The caller then removes its routing
     * handler (which hands on what it buffered) and lets both channels read.
     *
     * @param before the name of the client's routing handler, before which the idle handler goes
     * @param kind what the connection carries, for the metrics
     */
    void relay(ChannelPipeline pipeline, String before, Channel backend, RelayKind kind) {
        IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
        if (idle != null) {
            pipeline.remove(idle);
        }
        long idleNanos = idleTimeout.toNanos();
        if (idleNanos > 0) {
            pipeline.addBefore(before, "idle", new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
        }
        RelayCounts counts = new RelayCounts(metrics, kind);
        pipeline.addLast("relay", new RelayHandler(backend, counts, true));
        // the backend's side (made when it connected, before the kind was known) counts towards the client
        RelayHandler backwards = backend.pipeline().get(RelayHandler.class);
        if (backwards != null) {
            backwards.countInto(counts);
        }
    }

    /** Why a connection was not relayed; for the debug log only, so without a stack trace. */
    static final class RouteRejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        RouteRejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
