package io.lintel.plugin.route.udp;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.List;

/**
 * UDPRoute (standard since Gateway API v1.6): a UDP listener relays each client's datagrams (a flow) to one backend
 * of the oldest UDPRoute attached to it, picked by weight when the flow starts. Core relays; this plugin reads the
 * kind.
 */
public final class UdpRoutePlugin implements LintelPlugin {

    @Override
    public String name() {
        return "route-udp";
    }

    @Override
    public List<StreamRouteKind> streamRouteKinds(PluginContext context) {
        return List.of(UdpRouteKind.KIND);
    }
}
