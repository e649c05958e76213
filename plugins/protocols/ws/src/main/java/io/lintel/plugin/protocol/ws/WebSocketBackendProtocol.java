package io.lintel.plugin.protocol.ws;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendChannelSetup;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.backend.CodecLimits;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.Set;

/**
 * Speaks to backends whose Service port has {@code appProtocol: kubernetes.io/ws}: WebSocket (RFC 6455) over
 * cleartext HTTP/1.1; or {@code kubernetes.io/wss}: the same over TLS, which core adds below these handlers (from the
 * Service's BackendTLSPolicy, else with the JDK's default trust and the Service's DNS name).
 *
 * <p>A connection starts as HTTP/1.1: an HTTP client codec bounded by the gateway's {@link CodecLimits} (a response
 * head beyond them fails its exchange with 502, as on a plain HTTP backend), and a {@link WebSocketHandshakeCheck}.
 * Requests that are not upgrades are plain HTTP/1.1 exchanges. When the backend answers a client's WebSocket upgrade
 * with {@code 101}, {@link #switchProtocols} takes the connection over if the answer completes the handshake the
 * request started (RFC 6455 section 4.1): it removes both handlers, and core relays the frames as bytes until either
 * side closes. A {@code 101} that does not complete it is refused, and the client gets 502 instead of a tunnel to a
 * backend that did not agree to speak WebSocket.
 */
public final class WebSocketBackendProtocol implements BackendProtocolFactory {

    static final String APP_PROTOCOL = "kubernetes.io/ws";
    static final String TLS_APP_PROTOCOL = "kubernetes.io/wss";

    private static final String CODEC = "ws-http";
    private static final String HANDSHAKE = "ws-handshake";

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
    public void initialize(BackendChannelSetup setup) {
        CodecLimits limits = setup.codecLimits();
        ChannelPipeline pipeline = setup.pipeline(ChannelPipeline.class);
        pipeline.addLast(CODEC, new HttpClientCodec(limits.maxInitialLineLength(), limits.maxHeaderSize(),
                limits.maxChunkSize()));
        pipeline.addLast(HANDSHAKE, new WebSocketHandshakeCheck());
    }

    @Override
    public boolean switchProtocols(BackendChannelSetup setup) {
        ChannelPipeline pipeline = setup.pipeline(ChannelPipeline.class);
        WebSocketHandshakeCheck handshake = (WebSocketHandshakeCheck) pipeline.get(HANDSHAKE);
        if (handshake == null || !handshake.accepted()) {
            return false;
        }
        pipeline.remove(HANDSHAKE);
        // last: the codec's decoder hands on, as bytes, whatever it read past the 101 (the backend's first frames)
        pipeline.remove(CODEC);
        return true;
    }
}
