package io.lintel.core.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Marks a client's HTTP/2 connection whose codec has failed it (a flood bound such as too many resets, or a protocol
 * error): it is sending GOAWAY and will close the connection, and until it has, its streams' exchanges that have not
 * reached a backend yet must not. The stream reset that trips the rapid-reset bound, for one, is never passed on as a
 * reset: without the mark, the stream it was meant to cancel would still be sent to its backend.
 */
public final class FailedClientConnections {

    private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf(FailedClientConnections.class, "failed");

    private FailedClientConnections() {}

    /** Marks the HTTP/2 connection (the parent of the stream channels). */
    public static void markFailed(Channel connection) {
        connection.attr(FAILED).set(Boolean.TRUE);
    }

    /** Whether the connection of this stream channel failed or closed; false for a channel without parent. */
    static boolean failed(Channel stream) {
        Channel connection = stream.parent();
        return connection != null && (!connection.isActive() || connection.hasAttr(FAILED));
    }
}
