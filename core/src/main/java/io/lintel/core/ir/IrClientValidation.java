package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How an HTTPS listener validates client certificates (Gateway API {@code spec.tls.frontend}, GEP-91): the trust
 * anchors from the {@code validation.caCertificateRefs} that resolved, and the mode.
 *
 * <p>The anchors are left out of the admin server's {@code /config} and of golden files ({@link JsonIgnore}); the
 * sources and the fingerprint say which they are.
 *
 * @param mode what a handshake without a valid client certificate gets
 * @param sources the objects the anchors came from, {@code <Kind> <namespace>/<name>}, in reference order
 * @param fingerprint {@code sha256:<hex>} over the anchors' DER encodings: equal fingerprints mean equal anchors (the
 *     data plane caches its TLS contexts by it, with the mode)
 * @param certificates the trust anchors, at least one
 */
public record IrClientValidation(Mode mode, List<String> sources, String fingerprint,
        @JsonIgnore List<X509Certificate> certificates) {

    /** The Gateway API validation modes, named as the API names them. */
    public enum Mode {
        /** Require a client certificate and verify it against the anchors; the handshake fails otherwise. */
        AllowValidOnly,
        /** Ask for a client certificate but accept the connection without one, or with one that does not verify. */
        AllowInsecureFallback
    }

    public IrClientValidation {
        requireNonNull(mode, "mode");
        sources = List.copyOf(requireNonNull(sources, "sources"));
        requireNonNull(fingerprint, "fingerprint");
        certificates = List.copyOf(requireNonNull(certificates, "certificates"));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("certificates: empty (expected: at least one trust anchor)");
        }
    }

    /** The validation with these anchors, its fingerprint computed. */
    public static IrClientValidation of(Mode mode, List<String> sources, List<X509Certificate> certificates) {
        return new IrClientValidation(mode, sources, fingerprint(certificates), certificates);
    }

    /** {@code sha256:<hex>} over the length-prefixed DER encodings of the certificates, in order. */
    public static String fingerprint(List<X509Certificate> certificates) {
        return CertificateFingerprints.of(certificates);
    }

    @Override
    public String toString() {
        return "IrClientValidation[mode=" + mode + ", sources=" + sources + ", fingerprint=" + fingerprint + "]";
    }
}
