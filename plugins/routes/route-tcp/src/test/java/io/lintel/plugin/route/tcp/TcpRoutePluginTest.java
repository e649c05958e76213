package io.lintel.plugin.route.tcp;

import io.lintel.plugin.route.support.testing.StreamRoutePluginChecks;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import org.junit.jupiter.api.Test;

class TcpRoutePluginTest {

    @Test
    void theServiceLoaderFindsThePluginAndCoreLoadsTcpRoutesOnTcpListeners() {
        StreamRoutePluginChecks.registersOneKind(TcpRoutePlugin.class, "route-tcp",
                ResourceKind.of("gateway.networking.k8s.io", "TCPRoute", "v1", "v1alpha2"), ListenerProtocol.TCP,
                GatewayFeature.TCPRoute);
    }

    @Test
    void aValidRouteIsDescribedWithTheCrdDefaultsAndNoHostnames() {
        StreamRoutePluginChecks.describesABackendOnlyRouteWithTheCrdDefaults(TcpRouteKind.KIND, "TCPRoute");
    }
}
