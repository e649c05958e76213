package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.lintel.spi.tls.TlsMaterial;

/**
 * A certificate chain and private key a TLS listener presents, loaded from a Secret by the translator.
 *
 * <p>The key material never leaves the process in readable form: {@link #material()} is left out of the admin
 * server's {@code /config} (Jackson) and of golden files, and {@link #toString()} names only the Secret and the
 * fingerprint, so logging this record cannot leak the private key.
 *
 * @param secret {@code <namespace>/<name>} of the Secret it came from
 * @param fingerprint {@code sha256:<hex>} over the chain's DER encodings and the key's encoding: equal
 *     fingerprints mean equal material (the data plane caches its TLS contexts by it)
 * @param material the parsed key and chain (leaf first)
 */
public record IrCertificate(String secret, String fingerprint, @JsonIgnore TlsMaterial material) {

    public IrCertificate {
        requireNonNull(secret, "secret");
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(material, "material");
    }

    /** The certificate of a Secret's material, with its fingerprint computed. */
    public static IrCertificate of(String secret, TlsMaterial material) {
        return new IrCertificate(secret, fingerprint(material), material);
    }

    /** {@code sha256:<hex>} over the length-prefixed DER encodings of the chain, then of the private key. */
    public static String fingerprint(TlsMaterial material) {
        return CertificateFingerprints.of(material.chain(), material.privateKey());
    }

    @Override
    public String toString() {
        return "IrCertificate[secret=" + secret + ", fingerprint=" + fingerprint + "]";
    }
}
