package io.lintel.plugin.route.udp;

import io.lintel.plugin.route.support.RouteFields;
import io.lintel.plugin.route.support.SchemaStreamRouteKind;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.Map;
import java.util.Set;

/**
 * The UDPRoute kind (Gateway API v1.6 experimental CRD, v1 and v1alpha2 alike): as a TCPRoute, parentRefs and 1-16
 * rules of 1-16 backendRefs; no hostnames.
 */
final class UdpRouteKind {

    static final StreamRouteKind KIND = new SchemaStreamRouteKind(
            ResourceKind.of(RouteFields.GATEWAY_GROUP, "UDPRoute", "v1", "v1alpha2"),
            ListenerProtocol.UDP,
            Set.of(GatewayFeature.UDPRoute),
            RouteFields.backendRoutesSpec(),
            Map.of());

    private UdpRouteKind() {}
}
