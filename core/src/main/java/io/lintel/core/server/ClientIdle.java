package io.lintel.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The start every accepted client connection's pipeline shares: the connection joins the group shutdown closes, and
 * an {@code "idle"} handler signals the settings' client idle timeout without reads (none when zero;
 * {@value DataPlaneSettings#CLIENT_IDLE_TIMEOUT_PROPERTY}). What closes the connection then is the protocol's: the
 * HTTP/1.1 proxy handler unless a request is being answered, the HTTP/2 connection handler when no stream is open;
 * a TCP or TLS relay replaces the handler by one that counts traffic either way ({@code RelayConnector}).
 */
final class ClientIdle {

    /** Registers {@code channel} in {@code connections}, adds the idle handler and returns the pipeline. */
    static ChannelPipeline start(Channel channel, DataPlaneSettings settings, ChannelGroup connections) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        long idleNanos = settings.clientIdleTimeout().toNanos();
        if (idleNanos > 0) {
            pipeline.addLast("idle", new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS));
        }
        return pipeline;
    }

    private ClientIdle() {}
}
