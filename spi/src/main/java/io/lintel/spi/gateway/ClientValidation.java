package io.lintel.spi.gateway;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The client certificate validation HTTPS listeners of some port get.
 *
 * @param fieldPath where it is in the Gateway, e.g. {@code spec.tls.frontend.perPort[0].tls.validation}; core's
 *     messages about its references start with it
 * @param caCertificateRefs the objects holding the trust anchors, at least one
 * @param mode what a handshake without a valid client certificate gets
 */
public record ClientValidation(String fieldPath, List<TrustAnchorRef> caCertificateRefs, ClientValidationMode mode) {

    public ClientValidation {
        requireNonNull(fieldPath, "fieldPath");
        caCertificateRefs = List.copyOf(requireNonNull(caCertificateRefs, "caCertificateRefs"));
        requireNonNull(mode, "mode");
    }
}
