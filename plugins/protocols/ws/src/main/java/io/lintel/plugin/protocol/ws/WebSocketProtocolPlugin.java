package io.lintel.plugin.protocol.ws;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.backend.BackendProtocolFactory;
import java.util.List;

/**
 * Provides the backend protocols {@code kubernetes.io/ws} (feature HTTPRouteBackendProtocolWebSocket) and
 * {@code kubernetes.io/wss} (WebSocket over TLS to the backend).
 */
public final class WebSocketProtocolPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "protocol-ws";
    }

    @Override
    public List<BackendProtocolFactory> backendProtocols(PluginContext context) {
        return List.of(new WebSocketBackendProtocol(),
                new WebSocketBackendProtocol(WebSocketBackendProtocol.TLS_APP_PROTOCOL));
    }
}
