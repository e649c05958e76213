package io.lintel.plugin.route.tls;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.List;

/**
 * TLSRoute: TLS listeners route connections by their SNI name to TLSRoutes, relaying the TLS bytes (Passthrough) or
 * the decrypted bytes (Terminate, with the listener's certificates). Core relays; this plugin reads the kind.
 */
public final class TlsRoutePlugin implements LintelPlugin {

    @Override
    public String name() {
        return "route-tls";
    }

    @Override
    public List<StreamRouteKind> streamRouteKinds(PluginContext context) {
        return List.of(TlsRouteKind.KIND);
    }
}
