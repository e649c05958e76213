package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * How a listener of an {@link IrProtocol#HTTPS} socket terminates TLS.
 *
 * @param certificates from the listener's {@code tls.certificateRefs}, in order; the data plane presents the first
 * @param options from the listener's {@code tls.options}; empty when it sets none (the data plane's defaults apply)
 * @param clientValidation from the Gateway's {@code tls.frontend} for the listener's port; empty: no client
 *     certificate is asked for
 */
public record IrTls(List<IrCertificate> certificates, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<IrTlsOptions> options,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<IrClientValidation> clientValidation) {

    public IrTls {
        certificates = List.copyOf(requireNonNull(certificates, "certificates"));
        requireNonNull(options, "options");
        requireNonNull(clientValidation, "clientValidation");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("certificates: empty (expected: at least one)");
        }
    }

    /** TLS with the data plane's default options. */
    public IrTls(List<IrCertificate> certificates) {
        this(certificates, Optional.empty());
    }

    /** TLS that asks for no client certificate. */
    public IrTls(List<IrCertificate> certificates, Optional<IrTlsOptions> options) {
        this(certificates, options, Optional.empty());
    }
}
