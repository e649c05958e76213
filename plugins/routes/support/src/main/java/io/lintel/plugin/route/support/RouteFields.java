package io.lintel.plugin.route.support;

import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;

import io.lintel.schema.IpAddresses;
import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import io.lintel.schema.gatewayapi.BackendRefs;
import io.lintel.schema.gatewayapi.ParentRefs;
import io.lintel.schema.gatewayapi.RouteSpecFields;
import java.util.List;

/**
 * The spec of the route kinds whose rules hold backendRefs only (TLSRoute, TCPRoute, UDPRoute; Gateway API v1.6
 * experimental CRDs), built from the Gateway API fields core validates its own kinds with
 * ({@code io.lintel.schema.gatewayapi}): {@code parentRefs} with their CEL rule, {@code useDefaultGateways}, rules of
 * weighted {@code backendRefs} with the {@code Must have port for Service reference} rule. Objects are {@link ObjectSchema#closed() closed}: core decodes
 * no typed model of these kinds, so a field the CRD does not define is reported here.
 */
public final class RouteFields {

    /** The Gateway API group. */
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    /** A route's {@code parentRefs}: at most 32, distinct sectionName/port when one parent is named twice. */
    public static final ListSchema PARENT_REFS = ParentRefs.list(ParentRefs.REF.closed());

    /** A {@code BackendRef}: a {@code BackendObjectReference} with a weight, port required for a Service. */
    public static final ObjectSchema BACKEND_REF = BackendRefs.WEIGHTED.closed().rule(BackendRefs::servicePortRequired);

    /** A rule of a route kind whose rules hold backendRefs only (TLSRoute, TCPRoute, UDPRoute): 1-16 of them. */
    public static final ObjectSchema BACKEND_RULE = object()
            .optional("name", RouteSpecFields.RULE_NAME)
            .required("backendRefs", listOf(BACKEND_REF).size(1, 16))
            .closed();

    /**
     * The spec of a route kind without hostnames whose rules hold backendRefs only (TCPRoute and UDPRoute, all their
     * versions): parentRefs, useDefaultGateways and 1-16 rules. TLSRoute adds its hostnames to it.
     */
    public static ObjectSchema backendRoutesSpec() {
        return object()
                .optional("parentRefs", PARENT_REFS)
                .optional("useDefaultGateways", RouteSpecFields.USE_DEFAULT_GATEWAYS)
                .required("rules", backendRules(16))
                .closed();
    }

    /** {@code maxRules} rules of backendRefs (at least one), with unique names. */
    public static ListSchema backendRules(int maxRules) {
        return listOf(BACKEND_RULE).size(1, maxRules)
                .unique(RouteSpecFields.RULE_NAME_UNIQUE, RouteSpecFields::ruleName);
    }

    /** The document around a {@code spec}: core checks the rest of the envelope (metadata, top-level fields). */
    public static ObjectSchema document(Schema spec) {
        return object().required("spec", spec);
    }

    /** CEL {@code self.all(h, !isIP(h))} on a list of hostnames. */
    public static void hostnamesNotIps(List<?> hostnames, String at, Violations out) {
        for (Object h : hostnames) {
            if (IpAddresses.isIpAddress((String) h)) {
                out.add(at, "Hostnames cannot contain an IP (\"" + h + "\")");
                return;
            }
        }
    }

    private RouteFields() {}
}
