package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.lintel.spi.policy.BackendTlsPolicyDescription;
import io.lintel.spi.policy.BackendTlsPolicyKind;

/** A backend TLS policy of a kind a plugin reads ({@link BackendTlsPolicyKind}), decoded. */
public final class BackendTlsPolicyObject extends PluginObject {

    private final BackendTlsPolicyDescription policy;

    BackendTlsPolicyObject(String kind, String apiVersion, ObjectMeta metadata, BackendTlsPolicyDescription policy) {
        super(kind, apiVersion, metadata);
        this.policy = requireNonNull(policy, "policy");
    }

    /** What the plugin made of the document. */
    public BackendTlsPolicyDescription policy() {
        return policy;
    }
}
