package io.lintel.plugin.route.tcp;

import io.lintel.plugin.route.support.RouteFields;
import io.lintel.plugin.route.support.SchemaStreamRouteKind;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.Map;
import java.util.Set;

/**
 * The TCPRoute kind (Gateway API v1.6 experimental CRD, v1 and v1alpha2 alike): parentRefs and 1-16 rules of 1-16
 * backendRefs; no hostnames.
 */
final class TcpRouteKind {

    static final StreamRouteKind KIND = new SchemaStreamRouteKind(
            ResourceKind.of(RouteFields.GATEWAY_GROUP, "TCPRoute", "v1", "v1alpha2"),
            ListenerProtocol.TCP,
            Set.of(GatewayFeature.TCPRoute),
            RouteFields.backendRoutesSpec(),
            Map.of());

    private TcpRouteKind() {}
}
