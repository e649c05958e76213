package io.lintel.spi.gateway;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A {@code FrontendTLSValidation} as written.
 *
 * @param caCertificateRefs {@code caCertificateRefs}, in document order
 * @param mode {@code mode} as written; empty when left out
 */
public record FrontendValidationSpec(List<TrustAnchorRef> caCertificateRefs, Optional<String> mode) {

    public FrontendValidationSpec {
        caCertificateRefs = List.copyOf(requireNonNull(caCertificateRefs, "caCertificateRefs"));
        requireNonNull(mode, "mode");
    }
}
