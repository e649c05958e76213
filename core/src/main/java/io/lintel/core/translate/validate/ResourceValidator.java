package io.lintel.core.translate.validate;

import io.lintel.schema.Schema;
import io.lintel.schema.Violation;
import io.lintel.schema.Violations;
import java.util.List;
import java.util.Map;

/**
 * Checks Gateway API documents against the rules a cluster's CRD schemas and CEL validation would enforce (Gateway API
 * v1.6 experimental channel: GatewayClass, Gateway, HTTPRoute, ReferenceGrant,
 * and XListenerSet of {@code gateway.networking.x-k8s.io}), and EndpointSlices against the address rule of
 * {@link EndpointSliceRules}. Kinds read by plugins (GRPCRoute, TLSRoute, TCPRoute, UDPRoute, BackendTLSPolicy,
 * ListenerSet) are validated by their plugins; core checks only their {@link #validateMetadata metadata}. Stateless
 * and thread-safe.
 */
public final class ResourceValidator {

    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    public static final String EXPERIMENTAL_GROUP = "gateway.networking.x-k8s.io";

    /** True when this validator has rules for the kind. */
    public boolean covers(String group, String kind) {
        return GATEWAY_GROUP.equals(group) && GatewayApiKinds.BY_KIND.containsKey(kind)
                || EXPERIMENTAL_GROUP.equals(group) && GatewayApiKinds.X_BY_KIND.containsKey(kind)
                || EndpointSliceRules.GROUP.equals(group) && EndpointSliceRules.KIND.equals(kind);
    }

    /**
     * The violations of a document's {@code metadata} (name, namespace, generation, labels, creationTimestamp), as
     * every kind's schema checks them: for the documents of kinds a plugin validates.
     */
    public List<Violation> validateMetadata(Map<String, Object> content) {
        Violations out = new Violations(content.get("kind") + " " + content.get("apiVersion"));
        GatewayApiKinds.METADATA_ONLY.check(content, "", out);
        return out.list();
    }

    /** The violations of a whole document; empty when it is valid or not a covered kind. */
    public List<Violation> validate(String group, String kind, Map<String, Object> content) {
        if (!covers(group, kind)) {
            return List.of();
        }
        // Core's schemas are open (its decoder reports unknown fields): the name is for the DSL's closed objects only.
        Violations out = new Violations(kind + " " + content.get("apiVersion"));
        if (EndpointSliceRules.KIND.equals(kind) && EndpointSliceRules.GROUP.equals(group)) {
            EndpointSliceRules.check(content, out);
            return out.list();
        }
        Schema schema = GATEWAY_GROUP.equals(group)
                ? GatewayApiKinds.of(kind, content.get("apiVersion"))
                : GatewayApiKinds.X_BY_KIND.get(kind);
        schema.check(content, "", out);
        return out.list();
    }
}
