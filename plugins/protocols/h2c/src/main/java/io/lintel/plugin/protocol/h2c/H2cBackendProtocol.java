package io.lintel.plugin.protocol.h2c;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendChannelSetup;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.Set;

/**
 * Speaks HTTP/2 cleartext with prior knowledge (RFC 9113 section 3.3) to backends whose Service port has
 * {@code appProtocol: kubernetes.io/h2c}, whatever HTTP version the client spoke.
 *
 * <p>Connections are shared: the protocol {@linkplain #multiplexesStreams() multiplexes}, so core gives each exchange
 * a stream of its own (a Netty {@code Http2StreamChannel} of the connection's {@code Http2MultiplexHandler}) and opens
 * another connection only when the streams of the open ones are all taken. On each stream, {@link H2cStreamCodec}
 * turns the data plane's HTTP/1.1-shaped messages into frames and back: the request body streams as it comes (a gRPC
 * client's messages reach the backend before the request ends), the response streams back the same way, with the
 * stream's trailers (gRPC's {@code grpc-status}) as the trailing headers of its last part. Nothing is buffered, so
 * long-lived gRPC streams work in both directions; flow control is per stream (a stream channel is writable while the
 * backend's window for it is open, and returns the response's bytes to the window only as the exchange reads them).
 *
 * <p>This is also how GRPCRoute backends without an {@code appProtocol} are spoken to (the translator gives them
 * this protocol, as Envoy Gateway does): gRPC needs HTTP/2 end to end.
 */
public final class H2cBackendProtocol implements BackendProtocolFactory {

    static final String APP_PROTOCOL = "kubernetes.io/h2c";

    @Override
    public String appProtocol() {
        return APP_PROTOCOL;
    }

    @Override
    public Set<GatewayFeature> features() {
        // GRPCRoute and its features are the route-grpc plugin's, whose backends are spoken to with this protocol
        return Set.of(GatewayFeature.HTTPRouteBackendProtocolH2C);
    }

    @Override
    public boolean multiplexesStreams() {
        return true;
    }

    @Override
    public void initialize(BackendChannelSetup setup) {
        ChannelPipeline pipeline = setup.pipeline(ChannelPipeline.class);
        pipeline.addLast("h2c-codec", Http2FrameCodecBuilder.forClient()
                // the gateway's bound on a backend's response headers, announced to the backend and enforced by
                // the decoder (instead of Netty's 8 KiB default); no server push, which a gateway cannot use
                .initialSettings(Http2Settings.defaultSettings()
                        .maxHeaderListSize(setup.codecLimits().maxHeaderSize())
                        .pushEnabled(false))
                // the data plane closes a connection to abandon all of it (idle, closing the gateway): at once
                .gracefulShutdownTimeoutMillis(0)
                .build());
        pipeline.addLast("h2c-streams", new Http2MultiplexHandler(RefusePushedStreams.INSTANCE));
    }

    @Override
    public void initializeStream(BackendChannelSetup stream) {
        ChannelPipeline pipeline = stream.pipeline(ChannelPipeline.class);
        pipeline.addLast("h2c-stream", new H2cStreamCodec());
        pipeline.addLast("h2c-messages", new H2cMessageAdapter());
    }

    /** A stream the backend opened (a push, though push is disabled): closed, i.e. reset, at once. */
    @Sharable
    private static final class RefusePushedStreams extends ChannelInboundHandlerAdapter {
        static final RefusePushedStreams INSTANCE = new RefusePushedStreams();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Channel stream = ctx.channel();
            stream.close();
        }
    }
}
