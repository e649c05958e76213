package io.lintel.core.translate.validate;

import static io.lintel.core.translate.validate.GatewayApiSchemas.HOSTNAMES;
import static io.lintel.core.translate.validate.GatewayApiSchemas.PARENT_REFS;
import static io.lintel.core.translate.validate.GatewayApiSchemas.RULE_NAME;
import static io.lintel.core.translate.validate.GatewayApiSchemas.USE_DEFAULT_GATEWAYS;
import static io.lintel.core.translate.validate.GatewayApiSchemas.WEIGHTED_BACKEND_OBJECT_REF;
import static io.lintel.core.translate.validate.ListSchema.listOf;
import static io.lintel.core.translate.validate.ObjectSchema.object;

/**
 * The route kinds that relay connections or datagrams (TLSRoute, TCPRoute, UDPRoute): parentRefs, rules of
 * backendRefs only, and for TLSRoute hostnames. TLSRoute v1 (Gateway API v1.5 and later) is stricter than its alpha
 * versions: hostnames are required and may not be IP addresses, and it has exactly one rule.
 */
final class StreamRouteSchemas {

    /** A TLSRoute's backendRef: a BackendObjectReference with weight, no filters. */
    static final Schema TLS_BACKEND_REF = WEIGHTED_BACKEND_OBJECT_REF.rule(HttpRouteRules::servicePortRequired);

    /** The rules of a route that relays connections (TLSRoute, TCPRoute): backendRefs only. */
    static final Schema STREAM_ROUTE_RULES = listOf(object()
            .optional("name", RULE_NAME)
            .required("backendRefs", listOf(TLS_BACKEND_REF).size(1, 16))).size(1, 16)
            .unique(GatewayApiSchemas.RULE_NAME_UNIQUE, GatewayApiSchemas::ruleName);

    /** TCPRoute (v1alpha2 and v1 alike): parentRefs and rules of backendRefs. */
    static final ObjectSchema TCP_ROUTE_SPEC = object()
            .optional("parentRefs", PARENT_REFS)
            .optional("useDefaultGateways", USE_DEFAULT_GATEWAYS)
            .required("rules", STREAM_ROUTE_RULES);

    /** TLSRoute v1alpha2 and v1alpha3: a TCPRoute with optional hostnames. */
    static final Schema TLS_ROUTE_SPEC = TCP_ROUTE_SPEC.optional("hostnames", HOSTNAMES);

    /** UDPRoute (v1alpha2): as a TCPRoute. */
    static final Schema UDP_ROUTE_SPEC = TCP_ROUTE_SPEC;

    /** TLSRoute v1: hostnames 1-16 and not IPs, one rule. */
    static final Schema TLS_ROUTE_V1_SPEC = TCP_ROUTE_SPEC
            .required("hostnames", listOf(Fields.HOSTNAME).size(1, 16).rule(StreamRouteSchemas::hostnamesNotIps))
            .required("rules", listOf(object()
                    .optional("name", RULE_NAME)
                    .required("backendRefs", listOf(TLS_BACKEND_REF).size(1, 16))).size(1, 1));

    /** CEL {@code self.all(h, !isIP(h))}. */
    static void hostnamesNotIps(java.util.List<?> hostnames, String at, Violations out) {
        for (Object h : hostnames) {
            if (IpAddresses.isIpAddress((String) h)) {
                out.add(at, "Hostnames cannot contain an IP (\"" + h + "\")");
                return;
            }
        }
    }

    private StreamRouteSchemas() {}
}
