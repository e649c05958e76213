package io.lintel.schema.gatewayapi;

import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.ListSchema;
import io.lintel.schema.Schema;
import java.util.Map;

/**
 * The fields of a route's spec that every route kind with them defines alike: {@code hostnames},
 * {@code useDefaultGateways} and the rules' {@code name} with the CEL rule that names are unique.
 */
public final class RouteSpecFields {

    /** A route's {@code hostnames} (HTTPRoutes, GRPCRoutes, alpha TLSRoutes): at most 16. */
    public static final ListSchema HOSTNAMES = listOf(Fields.HOSTNAME).size(0, 16);

    /** A route's {@code useDefaultGateways} (GEP-3793). */
    public static final Schema USE_DEFAULT_GATEWAYS = string().oneOf("All", "None");

    /** A rule's {@code name} (GEP-995). */
    public static final Schema RULE_NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);

    /** The CEL message on a route's rules when two share a name. */
    public static final String RULE_NAME_UNIQUE = "Rule name must be unique within the route";

    /** The key rule names are unique by ({@code rules.unique(RULE_NAME_UNIQUE, RouteSpecFields::ruleName)}). */
    public static Object ruleName(Object rule) {
        return ((Map<?, ?>) rule).get("name");
    }

    private RouteSpecFields() {}
}
