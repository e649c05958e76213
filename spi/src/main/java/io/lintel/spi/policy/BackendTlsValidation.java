package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How Lintel checks a backend's certificate: against the system's trust anchors or the CA certificates of
 * {@code caCertificateRefs} (exactly one of the two), for the names of {@code subjectAltNames}, or {@code hostname}
 * when there are none; {@code hostname} is sent as SNI either way.
 *
 * @param hostname the name sent as SNI (and checked when {@code subjectAltNames} is empty)
 * @param subjectAltNames the names the certificate must carry one of; empty to check {@code hostname}
 * @param systemTrust true to trust the JDK's default trust anchors ({@code wellKnownCACertificates: System})
 * @param caCertificateRefs the objects holding the trust anchors, which core resolves; empty with {@code systemTrust}
 */
public record BackendTlsValidation(String hostname, List<SubjectAltName> subjectAltNames, boolean systemTrust,
        List<CaCertificateRef> caCertificateRefs) {

    public BackendTlsValidation {
        requireNonNull(hostname, "hostname");
        subjectAltNames = List.copyOf(requireNonNull(subjectAltNames, "subjectAltNames"));
        caCertificateRefs = List.copyOf(requireNonNull(caCertificateRefs, "caCertificateRefs"));
        if (systemTrust == !caCertificateRefs.isEmpty()) {
            throw new IllegalArgumentException("expected either system trust or CA certificate references");
        }
    }
}
