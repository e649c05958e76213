package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.SocketKey;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the client connections of one listening socket, and with the other sockets' instances their total: sits in
 * the listening channel's pipeline, before Netty's acceptor, and sees each accepted connection before it is
 * registered. One past a limit is closed at once, before any pipeline is made for it, rather than left in the
 * kernel's backlog: a full backlog would make every new client wait, and accepting nothing would leave the accept
 * to fail with "too many open files" later, in a loop. The descriptors kept free this way are what the admin server
 * and backend connections need.
 *
 * <p>Refusals are logged at most once per {@value #WARN_INTERVAL_SECONDS} s per socket (with how many there were),
 * so that a flood of connections does not become a flood of log lines.
 */
@ChannelHandler.Sharable
final class ClientConnectionLimit extends ChannelInboundHandlerAdapter {

    static final long WARN_INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionLimit.class);

    private final SocketKey socket;
    private final AtomicInteger total;
    private final int maxTotal;
    private final AtomicInteger here = new AtomicInteger();
    private final int maxHere;
    private final ProxyMetrics metrics;
    private final ChannelFutureListener onClose;
    // touched only by the listening channel's event loop, which accepts one connection at a time
    private long refusedSinceWarning;
    private long nextWarningNanos = System.nanoTime();

    /**
     * @param total the open connections of every socket, shared by their limits
     * @param maxTotal the bound on {@code total} (0: none)
     * @param maxHere the bound on this socket's connections (0: none)
     */
    ClientConnectionLimit(SocketKey socket, AtomicInteger total, int maxTotal, int maxHere, ProxyMetrics metrics) {
        this.socket = requireNonNull(socket, "socket");
        this.total = requireNonNull(total, "total");
        this.maxTotal = maxTotal;
        this.maxHere = maxHere;
        this.metrics = requireNonNull(metrics, "metrics");
        this.onClose = future -> {
            this.total.decrementAndGet();
            here.decrementAndGet();
            this.metrics.clientConnectionClosed();
        };
    }

    /** Open connections of this socket. */
    int open() {
        return here.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Channel accepted)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int all = total.incrementAndGet();
        int mine = here.incrementAndGet();
        if (maxTotal > 0 && all > maxTotal || maxHere > 0 && mine > maxHere) {
            total.decrementAndGet();
            here.decrementAndGet();
            refuse(accepted, all - 1, mine - 1);
            return;
        }
        metrics.clientConnectionOpened();
        accepted.closeFuture().addListener(onClose);
        ctx.fireChannelRead(accepted);
    }

    private void refuse(Channel accepted, int openAll, int openHere) {
        // counted first: whoever sees the connection end may read the count at once
        metrics.clientConnectionRefused();
        // not registered with an event loop yet: close its socket directly, as Netty's acceptor does on failure
        accepted.unsafe().closeForcibly();
        refusedSinceWarning++;
        long now = System.nanoTime();
        if (now - nextWarningNanos >= 0) {
            nextWarningNanos = now + TimeUnit.SECONDS.toNanos(WARN_INTERVAL_SECONDS);
            long refused = refusedSinceWarning;
            refusedSinceWarning = 0;
            LOG.warn("{}: refused {} client connection(s) since the last warning: {} open here, {} in all; limits {} "
                    + "per listener (-D{}), {} in all (-D{}); new connections are closed until some end", socket,
                    refused, openHere, openAll, maxHere == 0 ? "none" : maxHere,
                    DataPlaneSettings.MAX_CONNECTIONS_PER_LISTENER_PROPERTY, maxTotal == 0 ? "none" : maxTotal,
                    DataPlaneSettings.MAX_CONNECTIONS_PROPERTY);
        }
    }
}
