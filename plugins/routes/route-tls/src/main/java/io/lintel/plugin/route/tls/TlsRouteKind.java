package io.lintel.plugin.route.tls;

import static io.lintel.schema.ListSchema.listOf;

import io.lintel.plugin.route.support.RouteFields;
import io.lintel.plugin.route.support.SchemaStreamRouteKind;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.gatewayapi.Fields;
import io.lintel.schema.gatewayapi.RouteSpecFields;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import java.util.Map;
import java.util.Set;

/**
 * The TLSRoute kind (Gateway API v1.6 experimental CRD): parentRefs, hostnames (SNI names) and rules of backendRefs.
 * TLSRoute v1 (standard since v1.5) is stricter than its alpha versions: hostnames are required (1-1024, no IP
 * addresses) and it has exactly one rule; v1alpha2 and v1alpha3 take optional hostnames and 1-16 rules.
 */
final class TlsRouteKind {

    /** TLSRoute v1alpha2 and v1alpha3. */
    static final ObjectSchema ALPHA_SPEC = RouteFields.backendRoutesSpec()
            .optional("hostnames", RouteSpecFields.HOSTNAMES);

    /** TLSRoute v1: hostnames 1-1024 (the v1.6 CRD's maxItems) and not IPs, one rule. */
    static final ObjectSchema V1_SPEC = ALPHA_SPEC
            .required("rules", RouteFields.backendRules(1))
            .required("hostnames", listOf(Fields.HOSTNAME).size(1, 1024).rule(RouteFields::hostnamesNotIps));

    static final StreamRouteKind KIND = new SchemaStreamRouteKind(
            ResourceKind.of(RouteFields.GATEWAY_GROUP, "TLSRoute", "v1", "v1alpha3", "v1alpha2"),
            ListenerProtocol.TLS,
            Set.of(GatewayFeature.TLSRoute, GatewayFeature.TLSRouteModeTerminate,
                    GatewayFeature.TLSRouteModeMixed),
            ALPHA_SPEC,
            Map.of("v1", V1_SPEC));

    private TlsRouteKind() {}
}
