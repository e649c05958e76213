package io.lintel.plugin.protocol.h2c;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * Makes a backend connection unwritable while the backend's HTTP/2 flow control holds back request data. Request
 * DATA the backend has no window for waits in the connection's flow controller, which the channel's writability
 * does not see; the data plane reads more of the client's request only while the backend channel is writable, so
 * without this a client streaming faster than the backend reads (a long gRPC client stream) would pile up in the
 * gateway. Uses a user-defined writability bit of the channel's outbound buffer, set in a task of its own (never
 * from inside the flow controller); a closed stream clears it, so a pooled connection starts the next exchange
 * writable.
 */
final class FlowControlWritability extends Http2ConnectionAdapter implements Http2RemoteFlowController.Listener {

    private static final int BIT = 1;

    private final Channel channel;
    private final Http2RemoteFlowController flowController;

    private FlowControlWritability(Channel channel, Http2RemoteFlowController flowController) {
        this.channel = channel;
        this.flowController = flowController;
    }

    /** Installs the bridge on {@code connection} (whose handler must already have set its flow controller). */
    static void install(Channel channel, Http2Connection connection) {
        Http2RemoteFlowController flowController = connection.remote().flowController();
        FlowControlWritability bridge = new FlowControlWritability(channel, flowController);
        flowController.listener(bridge);
        connection.addListener(bridge);
    }

    @Override
    public void writabilityChanged(Http2Stream stream) {
        // Called from inside the flow controller; the data plane reacts to writability by reading and writing more
        // request data, which must not re-enter the flow controller while it works: apply it as a task of its own.
        channel.eventLoop().execute(() -> setWritable(!stream.state().localSideOpen() || flowController.isWritable(stream)));
    }

    @Override
    public void onStreamClosed(Http2Stream stream) {
        channel.eventLoop().execute(() -> setWritable(true));
    }

    private void setWritable(boolean writable) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer != null) {
            buffer.setUserDefinedWritability(BIT, writable);
        }
    }
}
