package io.lintel.plugin.protocol.h2c;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.InboundHttp2ToHttpAdapterBuilder;
import java.util.Set;

/**
 * Speaks HTTP/2 cleartext with prior knowledge (RFC 9113 section 3.3) to backends whose Service port has
 * {@code appProtocol: kubernetes.io/h2c}, whatever HTTP version the client spoke.
 *
 * <p>The data plane hands a backend connection one exchange at a time as Netty {@code HttpObject}s: each request
 * becomes a new stream of the connection, and each response comes back as one {@code FullHttpResponse} with the
 * stream's trailers as its trailing headers (responses are therefore buffered, up to {@link #MAX_RESPONSE_BYTES}).
 */
public final class H2cBackendProtocol implements BackendProtocolFactory {

    /** The largest response body buffered; a larger one fails the exchange (502). */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    static final String APP_PROTOCOL = "kubernetes.io/h2c";

    @Override
    public String appProtocol() {
        return APP_PROTOCOL;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteBackendProtocolH2C);
    }

    @Override
    public void initialize(Object channelPipeline) {
        ChannelPipeline pipeline = (ChannelPipeline) channelPipeline;
        Http2Connection connection = new DefaultHttp2Connection(false);
        pipeline.addLast("h2c-codec", new HttpToHttp2ConnectionHandlerBuilder()
                .connection(connection)
                .frameListener(new InboundHttp2ToHttpAdapterBuilder(connection)
                        .maxContentLength(MAX_RESPONSE_BYTES)
                        .propagateSettings(false)
                        .validateHttpHeaders(false)
                        .build())
                .build());
        pipeline.addLast("h2c-messages", new H2cMessageAdapter());
    }
}
