package io.lintel.plugin.policy.backendtls;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import java.util.List;

/**
 * BackendTLSPolicy (GEP-1897): how Lintel speaks TLS to the backends of the Services a policy targets (SNI hostname,
 * trust anchors, subjectAltNames, options). Core resolves the CA references, settles conflicts, writes the status and
 * makes the TLS connections; this plugin reads the kind.
 */
public final class BackendTlsPolicyPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "policy-backend-tls";
    }

    @Override
    public List<BackendTlsPolicyKind> backendTlsPolicyKinds(PluginContext context) {
        return List.of(new BackendTlsPolicyReader());
    }
}
