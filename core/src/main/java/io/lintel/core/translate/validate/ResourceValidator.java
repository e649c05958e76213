package io.lintel.core.translate.validate;

import java.util.List;
import java.util.Map;

/**
 * Checks Gateway API documents (GatewayClass, Gateway, HTTPRoute, ReferenceGrant) against the rules a cluster's
 * CRD schema and CEL validation would enforce, and EndpointSlices against the address rule of
 * {@link EndpointSliceRules}. Stateless and thread-safe.
 */
public final class ResourceValidator {

    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    /** True when this validator has rules for the kind. */
    public boolean covers(String group, String kind) {
        return GATEWAY_GROUP.equals(group) && GatewayApiKinds.BY_KIND.containsKey(kind)
                || EndpointSliceRules.GROUP.equals(group) && EndpointSliceRules.KIND.equals(kind);
    }

    /** The violations of a whole document; empty when it is valid or not a covered kind. */
    public List<Violation> validate(String group, String kind, Map<String, Object> content) {
        if (!covers(group, kind)) {
            return List.of();
        }
        Violations out = new Violations();
        if (EndpointSliceRules.KIND.equals(kind) && EndpointSliceRules.GROUP.equals(group)) {
            EndpointSliceRules.check(content, out);
            return out.list();
        }
        GatewayApiKinds.BY_KIND.get(kind).check(content, "", out);
        return out.list();
    }
}
