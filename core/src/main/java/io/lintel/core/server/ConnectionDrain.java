package io.lintel.core.server;

import io.lintel.core.proxy.DrainEvent;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends client connections gracefully when the gateway stops ({@code docs/hardening.md}, "Graceful shutdown"):
 * HTTP/1.x connections close at once when idle, else after the response in progress ({@link DrainEvent}); HTTP/2
 * connections get GOAWAY (NO_ERROR, naming the last stream the client opened, so streams in flight finish and the client
 * opens new ones elsewhere) and close when their last stream ends. Whatever is still open when the bound expires is
 * closed without ceremony.
 */
final class ConnectionDrain {

    private ConnectionDrain() {}

    /** Starts draining one client connection; any thread. */
    static void start(Channel channel) {
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            if (channel.pipeline().get(Http2ConnectionHandler.class) != null) {
                // Netty's graceful close of an HTTP/2 connection: GOAWAY with the last stream id, then the close once
                // no stream is active (no timeout of its own: H2cUpgradeSupport; the drain's bound ends it)
                channel.close();
            } else {
                // HTTP/1.x (clear text or TLS); a connection without a proxy handler (a TLS handshake, a TCP or TLS
                // passthrough relay) ignores it and is closed when the bound expires
                channel.pipeline().fireUserEventTriggered(DrainEvent.INSTANCE);
            }
        });
    }

    /**
     * Waits until every one of {@code channels} has closed, or {@code bound} has passed.
     *
     * @return how many were still open
     */
    static int awaitClosed(List<Channel> channels, Duration bound) {
        CountDownLatch open = new CountDownLatch(channels.size());
        channels.forEach(channel -> channel.closeFuture().addListener(future -> open.countDown()));
        try {
            open.await(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (int) open.getCount();
    }

    /**
     * Closes a connection without a graceful protocol ending: from the first handler of its pipeline, so that neither
     * the HTTP/2 codec (whose close would wait for streams again) nor TLS (close_notify) delays it.
     */
    static void forceClose(Channel channel) {
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first == null) {
            channel.close();
        } else {
            channel.eventLoop().execute(first::close);
        }
    }
}
