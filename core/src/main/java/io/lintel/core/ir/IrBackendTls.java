package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * How the data plane speaks TLS to a backend (GEP-1897 BackendTLSPolicy, and the Gateway's backend client
 * certificate). Built by the translator; the trust anchors are parsed there, never on an event loop.
 *
 * <p>Identity check: when {@code subjectAltNames} is not empty the backend's certificate must carry one of them (a DNS
 * name or a URI such as a SPIFFE ID); otherwise it must be valid for {@code hostname}. {@code hostname} is always the
 * SNI sent.
 *
 * @param policy {@code <namespace>/<name>} of the BackendTLSPolicy it came from; empty when TLS is implied by the
 *     Service port's {@code appProtocol} alone
 * @param hostname the SNI and, without subjectAltNames, the name the certificate must be valid for
 * @param subjectAltNames names of which the certificate must carry at least one
 * @param systemTrust trust the JDK's default trust store (wellKnownCACertificates: System) instead of {@code caCertificates}
 * @param caSources where the trust anchors came from ({@code <namespace>/<Kind>/<name>}), for display
 * @param caFingerprint {@code sha256:<hex>} over the anchors' DER encodings (empty with system trust): equal
 *     fingerprints mean equal anchors
 * @param caCertificates the trust anchors (left out of {@code /config} and golden files)
 * @param clientCertificate the certificate presented when the backend asks for one (the Gateway's
 *     {@code spec.tls.backend.clientCertificateRef})
 * @param options what the policy's {@code options} ask of the handshake (minimum version, cipher suites), validated;
 *     empty: the TLS provider's defaults
 */
public record IrBackendTls(
        String policy,
        String hostname,
        List<IrSubjectAltName> subjectAltNames,
        boolean systemTrust,
        List<String> caSources,
        String caFingerprint,
        @JsonIgnore List<X509Certificate> caCertificates,
        Optional<IrCertificate> clientCertificate,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<IrTlsOptions> options) {

    public IrBackendTls {
        requireNonNull(policy, "policy");
        requireNonNull(hostname, "hostname");
        subjectAltNames = List.copyOf(requireNonNull(subjectAltNames, "subjectAltNames"));
        caSources = List.copyOf(requireNonNull(caSources, "caSources"));
        requireNonNull(caFingerprint, "caFingerprint");
        caCertificates = List.copyOf(requireNonNull(caCertificates, "caCertificates"));
        requireNonNull(clientCertificate, "clientCertificate");
        requireNonNull(options, "options");
        if (!systemTrust && caCertificates.isEmpty()) {
            throw new IllegalArgumentException("caCertificates: empty without systemTrust (expected: trust anchors)");
        }
    }

    /** The same settings, presenting {@code certificate} to backends that ask for a client certificate. */
    public IrBackendTls withClientCertificate(IrCertificate certificate) {
        return new IrBackendTls(policy, hostname, subjectAltNames, systemTrust, caSources, caFingerprint, caCertificates,
                Optional.of(certificate), options);
    }

    /**
     * A string that is equal for two settings exactly when they make the same TLS client context (anchors by
     * fingerprint, client certificate by fingerprint); the data plane caches its contexts by it.
     */
    @JsonIgnore
    public String contextKey() {
        return hostname + "|" + subjectAltNames + "|" + (systemTrust ? "system" : caFingerprint) + "|"
                + clientCertificate.map(IrCertificate::fingerprint).orElse("") + "|" + options.map(IrTlsOptions::toString).orElse("");
    }

    @Override
    public String toString() {
        return "IrBackendTls[policy=" + policy + ", hostname=" + hostname + ", subjectAltNames=" + subjectAltNames
                + ", trust=" + (systemTrust ? "system" : caSources + " " + caFingerprint) + ", clientCertificate="
                + clientCertificate.map(IrCertificate::toString).orElse("none") + "]";
    }
}
