package io.lintel.plugin.protocol.ws;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.Set;

/**
 * Speaks to backends whose Service port has {@code appProtocol: kubernetes.io/ws}: WebSocket (RFC 6455) over
 * cleartext HTTP/1.1; or {@code kubernetes.io/wss}: the same over TLS, which core adds below these handlers (from the
 * Service's BackendTLSPolicy, else with the JDK's default trust and the Service's DNS name). The connection starts as HTTP/1.1 (an HTTP client codec); when the backend answers a client's
 * WebSocket upgrade with {@code 101}, the data plane removes the codec from both connections and relays the frames
 * as bytes until either side closes. Requests that are not upgrades are plain HTTP/1.1 exchanges.
 */
public final class WebSocketBackendProtocol implements BackendProtocolFactory {

    static final String APP_PROTOCOL = "kubernetes.io/ws";
    static final String TLS_APP_PROTOCOL = "kubernetes.io/wss";

    private final String appProtocol;

    /** WebSocket over clear text ({@code kubernetes.io/ws}). */
    public WebSocketBackendProtocol() {
        this(APP_PROTOCOL);
    }

    /** @param appProtocol {@code kubernetes.io/ws} or {@code kubernetes.io/wss}: the pipeline is the same */
    WebSocketBackendProtocol(String appProtocol) {
        this.appProtocol = appProtocol;
    }

    @Override
    public String appProtocol() {
        return appProtocol;
    }

    @Override
    public Set<GatewayFeature> features() {
        return appProtocol.equals(APP_PROTOCOL) ? Set.of(GatewayFeature.HTTPRouteBackendProtocolWebSocket) : Set.of();
    }

    @Override
    public void initialize(Object channelPipeline) {
        ((ChannelPipeline) channelPipeline).addLast("ws-http", new HttpClientCodec());
    }
}
