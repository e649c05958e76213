package io.lintel.plugin.protocol.ws;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.Set;

/**
 * Speaks to backends whose Service port has {@code appProtocol: kubernetes.io/ws}: WebSocket (RFC 6455) over
 * cleartext HTTP/1.1. The connection starts as HTTP/1.1 (an HTTP client codec); when the backend answers a client's
 * WebSocket upgrade with {@code 101}, the data plane removes the codec from both connections and relays the frames
 * as bytes until either side closes. Requests that are not upgrades are plain HTTP/1.1 exchanges.
 */
public final class WebSocketBackendProtocol implements BackendProtocolFactory {

    static final String APP_PROTOCOL = "kubernetes.io/ws";

    @Override
    public String appProtocol() {
        return APP_PROTOCOL;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteBackendProtocolWebSocket);
    }

    @Override
    public void initialize(Object channelPipeline) {
        ((ChannelPipeline) channelPipeline).addLast("ws-http", new HttpClientCodec());
    }
}
