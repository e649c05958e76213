package io.lintel.spi.gateway;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.kind.CertificateRef;
import java.util.List;
import java.util.Optional;

/**
 * A Gateway's {@code spec.tls} as written (the document has passed the CRD schema), in plain values.
 *
 * @param frontendDefault {@code spec.tls.frontend.default.validation}; empty when not set
 * @param frontendPerPort {@code spec.tls.frontend.perPort[]}, in document order
 * @param backendClientCertificate {@code spec.tls.backend.clientCertificateRef} (v1.2's
 *     {@code spec.backendTLS.clientCertificateRef} is read as it); empty when not set
 */
public record GatewayTlsSpec(Optional<FrontendValidationSpec> frontendDefault, List<FrontendPortSpec> frontendPerPort,
        Optional<CertificateRef> backendClientCertificate) {

    /** A Gateway without {@code spec.tls}. */
    public static final GatewayTlsSpec NONE = new GatewayTlsSpec(Optional.empty(), List.of(), Optional.empty());

    public GatewayTlsSpec {
        requireNonNull(frontendDefault, "frontendDefault");
        frontendPerPort = List.copyOf(requireNonNull(frontendPerPort, "frontendPerPort"));
        requireNonNull(backendClientCertificate, "backendClientCertificate");
    }

    /** True when {@code spec.tls.frontend} sets any validation. */
    public boolean hasFrontendValidation() {
        return frontendDefault.isPresent() || frontendPerPort.stream().anyMatch(p -> p.validation().isPresent());
    }
}
