package io.lintel.plugin.route.udp;

import io.lintel.plugin.route.support.testing.StreamRoutePluginChecks;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import org.junit.jupiter.api.Test;

class UdpRoutePluginTest {

    @Test
    void theServiceLoaderFindsThePluginAndCoreLoadsUdpRoutesOnUdpListeners() {
        StreamRoutePluginChecks.registersOneKind(UdpRoutePlugin.class, "route-udp",
                ResourceKind.of("gateway.networking.k8s.io", "UDPRoute", "v1", "v1alpha2"), ListenerProtocol.UDP,
                GatewayFeature.UDPRoute);
    }

    @Test
    void aValidRouteIsDescribedWithTheCrdDefaultsAndNoHostnames() {
        StreamRoutePluginChecks.describesABackendOnlyRouteWithTheCrdDefaults(UdpRouteKind.KIND, "UDPRoute");
    }
}
