package io.lintel.plugin.route.tcp;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.List;

/**
 * TCPRoute: a TCP listener relays every connection to a backend of the oldest TCPRoute attached to it, picked by
 * weight. Core relays; this plugin reads the kind.
 */
public final class TcpRoutePlugin implements LintelPlugin {

    @Override
    public String name() {
        return "route-tcp";
    }

    @Override
    public List<StreamRouteKind> streamRouteKinds(PluginContext context) {
        return List.of(TcpRouteKind.KIND);
    }
}
