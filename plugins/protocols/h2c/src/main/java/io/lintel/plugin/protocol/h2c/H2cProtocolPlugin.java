package io.lintel.plugin.protocol.h2c;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.backend.BackendProtocolFactory;
import java.util.List;

/**
 * Provides the backend protocol {@code kubernetes.io/h2c} (feature HTTPRouteBackendProtocolH2C), which is also what
 * the GRPCRoutes of the route-grpc plugin speak to their backends without an {@code appProtocol}.
 */
public final class H2cProtocolPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "protocol-h2c";
    }

    @Override
    public List<BackendProtocolFactory> backendProtocols(PluginContext context) {
        return List.of(new H2cBackendProtocol());
    }
}
