package io.lintel.plugin.route.support;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.IpAddresses;
import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parts every Gateway API route kind shares (Gateway API v1.6 experimental CRDs), as schemas: metadata-free field
 * types (names, namespaces, groups, kinds, hostnames, ports), {@code parentRefs} with their CEL rule,
 * {@code hostnames}, rule names, {@code useDefaultGateways}, and weighted {@code backendRefs} with the
 * {@code Must have port for Service reference} rule. Objects are {@link ObjectSchema#closed() closed}: a field the CRD
 * does not define is reported.
 */
public final class RouteFields {

    /** The Gateway API group. */
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String HOSTNAME_PATTERN =
            "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String GROUP_PATTERN = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String KIND_PATTERN = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

    public static final Schema NAMESPACE = string().length(1, 63).pattern(DNS_LABEL);
    public static final Schema GROUP = string().length(0, 253).pattern(GROUP_PATTERN);
    public static final Schema KIND = string().length(1, 63).pattern(KIND_PATTERN);
    public static final Schema SECTION_NAME = string().length(1, 253).pattern(DNS_SUBDOMAIN);
    public static final Schema HOSTNAME = string().length(1, 253).pattern(HOSTNAME_PATTERN);
    public static final Schema PORT = range(1, 65535);

    /** A {@code ParentReference}. */
    public static final ObjectSchema PARENT_REF = object()
            .optional("group", GROUP)
            .optional("kind", KIND)
            .optional("namespace", NAMESPACE)
            .required("name", string().length(1, 253))
            .optional("sectionName", SECTION_NAME)
            .optional("port", PORT)
            .closed();

    /** A route's {@code parentRefs}: at most 32, distinct sectionName/port when one parent is named twice. */
    public static final ListSchema PARENT_REFS = listOf(PARENT_REF).size(0, 32).rule(RouteFields::parentRefsDistinct);

    /** A route's {@code hostnames} (alpha TLSRoutes, HTTPRoutes): at most 16. */
    public static final ListSchema HOSTNAMES = listOf(HOSTNAME).size(0, 16);

    /** A route's {@code useDefaultGateways} (GEP-3793). */
    public static final Schema USE_DEFAULT_GATEWAYS = string().oneOf("All", "None");

    /** A rule's {@code name} (GEP-995). */
    public static final Schema RULE_NAME = string().length(1, 253).pattern(DNS_SUBDOMAIN);

    /** The CEL message on a route's rules when two share a name. */
    public static final String RULE_NAME_UNIQUE = "Rule name must be unique within the route";

    /** A {@code BackendRef}: a {@code BackendObjectReference} with a weight, port required for a Service. */
    public static final ObjectSchema BACKEND_REF = object()
            .optional("group", GROUP)
            .optional("kind", KIND)
            .required("name", string().length(1, 253))
            .optional("namespace", NAMESPACE)
            .optional("port", PORT)
            .optional("weight", range(0, 1_000_000))
            .closed()
            .rule(RouteFields::servicePortRequired);

    /** A rule of a route kind whose rules hold backendRefs only (TLSRoute, TCPRoute, UDPRoute): 1-16 of them. */
    public static final ObjectSchema BACKEND_RULE = object()
            .optional("name", RULE_NAME)
            .required("backendRefs", listOf(BACKEND_REF).size(1, 16))
            .closed();

    /**
     * The spec of a route kind without hostnames whose rules hold backendRefs only (TCPRoute and UDPRoute, all their
     * versions): parentRefs, useDefaultGateways and 1-16 rules. TLSRoute adds its hostnames to it.
     */
    public static ObjectSchema backendRoutesSpec() {
        return object()
                .optional("parentRefs", PARENT_REFS)
                .optional("useDefaultGateways", USE_DEFAULT_GATEWAYS)
                .required("rules", backendRules(16))
                .closed();
    }

    /** {@code maxRules} rules of backendRefs (at least one), with unique names. */
    public static ListSchema backendRules(int maxRules) {
        return listOf(BACKEND_RULE).size(1, maxRules).unique(RULE_NAME_UNIQUE, item -> ((Map<?, ?>) item).get("name"));
    }

    /** The document around a {@code spec}: core checks the rest of the envelope (metadata, top-level fields). */
    public static ObjectSchema document(Schema spec) {
        return object().required("spec", spec);
    }

    /** CEL: {@code Must have port for Service reference}, reported at the reference. */
    public static void servicePortRequired(Map<?, ?> ref, String at, Violations out) {
        String group = (String) Objects.requireNonNullElse(ref.get("group"), "");
        String kind = (String) Objects.requireNonNullElse(ref.get("kind"), "Service");
        if (group.isEmpty() && kind.equals("Service") && ref.get("port") == null) {
            out.add(at, "Must have port for Service reference");
        }
    }

    /** CEL: parentRefs naming the same parent twice need a distinct sectionName or port each. */
    public static void parentRefsDistinct(List<?> refs, String at, Violations out) {
        Map<List<Object>, Integer> count = new HashMap<>();
        for (Object r : refs) {
            count.merge(parentKey((Map<?, ?>) r), 1, Integer::sum);
        }
        Set<List<Object>> sections = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            Map<?, ?> ref = (Map<?, ?>) refs.get(i);
            List<Object> parent = parentKey(ref);
            if (count.get(parent) < 2) {
                continue;
            }
            if (ref.get("sectionName") == null && ref.get("port") == null) {
                out.add(Violations.index(at, i),
                        "sectionName or port must be specified when parentRefs includes 2 or more references to the same parent");
            } else if (!sections.add(Arrays.asList(parent, ref.get("sectionName"), ref.get("port")))) {
                out.add(Violations.index(at, i),
                        "sectionName or port must be unique when parentRefs includes 2 or more references to the same parent");
            }
        }
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

    private static List<Object> parentKey(Map<?, ?> ref) {
        return Arrays.asList(
                Objects.requireNonNullElse(ref.get("group"), "gateway.networking.k8s.io"),
                Objects.requireNonNullElse(ref.get("kind"), "Gateway"),
                ref.get("namespace"), ref.get("name"));
    }

    private RouteFields() {}
}
