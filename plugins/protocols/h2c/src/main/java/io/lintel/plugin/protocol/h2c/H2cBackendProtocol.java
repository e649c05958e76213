package io.lintel.plugin.protocol.h2c;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendChannelSetup;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import java.util.Set;

/**
 * Speaks HTTP/2 cleartext with prior knowledge (RFC 9113 section 3.3) to backends whose Service port has
 * {@code appProtocol: kubernetes.io/h2c}, whatever HTTP version the client spoke.
 *
 * <p>The data plane hands a backend connection one exchange at a time as Netty {@code HttpObject}s: each request
 * becomes a new stream of the connection, its body streamed as it comes (DATA frames; a gRPC client's messages reach
 * the backend before the request ends), and the response streams back the same way
 * ({@link StreamingHttp2ResponseReader}), with the stream's trailers (gRPC's {@code grpc-status}) as the trailing
 * headers of its last part. Nothing is buffered, so long-lived gRPC streams work in both directions.
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
        // GRPCRoute is translated by the core, but served only with HTTP/2 to the backends: this plugin
        return Set.of(GatewayFeature.HTTPRouteBackendProtocolH2C, GatewayFeature.GRPCRoute,
                GatewayFeature.GRPCRouteNamedRouteRule);
    }

    @Override
    public void initialize(BackendChannelSetup setup) {
        ChannelPipeline pipeline = setup.pipeline(ChannelPipeline.class);
        Http2Connection connection = new DefaultHttp2Connection(false);
        pipeline.addLast("h2c-codec", new HttpToHttp2ConnectionHandlerBuilder()
                .connection(connection)
                // the gateway's bound on a backend's response headers, announced to the backend and enforced by
                // the decoder (instead of Netty's 8 KiB default)
                .initialSettings(Http2Settings.defaultSettings()
                        .maxHeaderListSize(setup.codecLimits().maxHeaderSize()))
                .frameListener(new StreamingHttp2ResponseReader(connection))
                // the data plane closes a backend connection to abandon its exchange (the client went away, a
                // timeout): close at once, resetting the stream, instead of waiting up to 30 s for it to finish
                .gracefulShutdownTimeoutMillis(0)
                .build());
        FlowControlWritability.install(pipeline.channel(), connection);
        pipeline.addLast("h2c-messages", new H2cMessageAdapter());
    }
}
