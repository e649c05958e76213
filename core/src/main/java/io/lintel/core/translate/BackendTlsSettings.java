package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.lintel.core.ir.IrBackendTls;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides how a backend's Service port is reached: over TLS as a BackendTLSPolicy says; else, when the port's
 * {@code appProtocol} implies TLS ({@code https}, {@code kubernetes.io/wss}), over TLS trusting the JDK's default trust
 * store with the Service's cluster DNS name ({@code <name>.<namespace>.svc}) as SNI and identity; else in clear text.
 */
final class BackendTlsSettings {

    /** The IANA service name for HTTP over TLS, as a Service port's {@code appProtocol}. */
    static final String HTTPS = "https";
    /** GEP-1911's WebSocket over TLS. */
    static final String WSS = "kubernetes.io/wss";

    private static final Set<String> TLS_APP_PROTOCOLS = Set.of(HTTPS, WSS);

    /** The TLS settings (empty for clear text), and whether a policy applies that cannot be honoured. */
    record Outcome(Optional<IrBackendTls> tls, boolean failed) {}

    static Outcome of(BackendTlsPolicies policies, String namespace, String service, ServicePort port,
            String appProtocol) {
        Optional<BackendTlsPolicies.Applied> applied = policies.forPort(namespace + "/" + service,
                Objects.requireNonNullElse(port.getName(), ""));
        if (applied.isPresent()) {
            return new Outcome(applied.get().tls(), applied.get().failure().isPresent());
        }
        if (TLS_APP_PROTOCOLS.contains(appProtocol.toLowerCase(java.util.Locale.ROOT))) {
            return new Outcome(Optional.of(new IrBackendTls("", service + "." + namespace + ".svc", List.of(), true,
                    List.of(), "", List.of(), Optional.empty(), Optional.empty())), false);
        }
        return new Outcome(Optional.empty(), false);
    }

    private BackendTlsSettings() {}
}
