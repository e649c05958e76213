package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a listener of an {@link IrProtocol#HTTPS} socket terminates TLS.
 *
 * @param certificates from the listener's {@code tls.certificateRefs}, in order; the data plane presents the first
 */
public record IrTls(List<IrCertificate> certificates) {

    public IrTls {
        certificates = List.copyOf(requireNonNull(certificates, "certificates"));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("certificates: empty (expected: at least one)");
        }
    }
}
