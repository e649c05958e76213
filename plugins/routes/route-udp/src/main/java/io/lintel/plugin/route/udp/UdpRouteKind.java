package io.lintel.plugin.route.udp;

import io.lintel.plugin.route.support.RouteFields;
import io.lintel.plugin.route.support.SchemaStreamRouteKind;
import io.lintel.schema.ObjectSchema;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.Map;
import java.util.Set;

/**
 * The UDPRoute kind (Gateway API v1.6 experimental CRD): as a TCPRoute, parentRefs and rules of 1-16 backendRefs; no
 * hostnames. v1alpha2 takes 1-16 rules, v1 exactly one ({@code spec.rules} minItems 1, maxItems 1).
 */
final class UdpRouteKind {

    static final ObjectSchema V1_SPEC = RouteFields.backendRoutesSpec().required("rules", RouteFields.backendRules(1));

    static final StreamRouteKind KIND = new SchemaStreamRouteKind(
            ResourceKind.of(RouteFields.GATEWAY_GROUP, "UDPRoute", "v1", "v1alpha2"),
            ListenerProtocol.UDP,
            Set.of(GatewayFeature.UDPRoute),
            RouteFields.backendRoutesSpec(),
            Map.of("v1", V1_SPEC));

    private UdpRouteKind() {}
}
