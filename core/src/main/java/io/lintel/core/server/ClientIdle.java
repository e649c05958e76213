package io.lintel.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The start every accepted client connection's pipeline shares: the connection joins the group shutdown closes, and
 * an {@code "idle"} handler closes it after the settings' client idle timeout without reads (none when zero).
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
