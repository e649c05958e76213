package io.lintel.plugin.tls.gateway;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.gateway.GatewayTlsExtension;
import java.util.List;

/**
 * The Gateway-level TLS features: client certificate validation of HTTPS listeners ({@code spec.tls.frontend}), the
 * backend client certificate ({@code spec.tls.backend}) and 421 Misdirected Request detection. This plugin decides
 * what a Gateway's {@code spec.tls} asks for; core resolves the references, builds the TLS contexts and writes the
 * status.
 */
public final class GatewayTlsPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "gateway-tls";
    }

    @Override
    public List<GatewayTlsExtension> gatewayTlsExtensions(PluginContext context) {
        return List.of(new GatewayTls());
    }
}
