package io.lintel.spi.gateway;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.kind.CertificateRef;
import io.lintel.spi.kind.FieldViolation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Gateway's {@code spec.tls} asks core to do.
 *
 * @param frontendDefault the validation of HTTPS listeners whose port has no entry in {@link #frontendPerPort}
 * @param frontendPerPort the validation of HTTPS listeners by port
 * @param backendClientCertificate the Secret whose certificate the Gateway presents to backends over TLS
 * @param violations what cannot be served as written; core refuses the Gateway's HTTPS listeners then (serving them
 *     without the validation asked for would let in clients it means to keep out)
 */
public record GatewayTlsDescription(Optional<ClientValidation> frontendDefault,
        Map<Integer, ClientValidation> frontendPerPort, Optional<CertificateRef> backendClientCertificate,
        List<FieldViolation> violations) {

    public GatewayTlsDescription {
        requireNonNull(frontendDefault, "frontendDefault");
        frontendPerPort = Map.copyOf(requireNonNull(frontendPerPort, "frontendPerPort"));
        requireNonNull(backendClientCertificate, "backendClientCertificate");
        violations = List.copyOf(requireNonNull(violations, "violations"));
    }

    /** The validation of HTTPS listeners on {@code port}: its own entry, else the default; empty: none. */
    public Optional<ClientValidation> frontendValidation(int port) {
        ClientValidation own = frontendPerPort.get(port);
        return own != null ? Optional.of(own) : frontendDefault;
    }
}
