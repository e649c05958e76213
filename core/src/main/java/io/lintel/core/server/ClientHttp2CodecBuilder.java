package io.lintel.core.server;

import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * The frame codec builder of one client connection: a server codec whose send window is shared evenly by the streams
 * with data to send ({@link UniformStreamByteDistributor}) rather than by the client's priority tree (Netty's default,
 * {@code WeightedFairQueueByteDistributor}). RFC 9113 deprecates that tree and clients hardly use it, yet keeping it
 * costs every stream priority-queue work when it opens, sends and closes: a few percent of the event loop's time for
 * a stream per request. PRIORITY frames are still read, and ignored.
 *
 * <p>Netty sets a connection only through the builder's protected API, hence the subclass; one per connection, since
 * the connection is built in.
 */
final class ClientHttp2CodecBuilder extends Http2FrameCodecBuilder {

    ClientHttp2CodecBuilder() {
        // a server's, as the builder's is by default (it refuses server() once a connection is set, and the reverse)
        DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
        connection.remote().flowController(
                new DefaultHttp2RemoteFlowController(connection, new UniformStreamByteDistributor(connection)));
        connection(connection);
    }
}
