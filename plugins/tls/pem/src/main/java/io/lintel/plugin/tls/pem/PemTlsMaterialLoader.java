package io.lintel.plugin.tls.pem;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import io.lintel.spi.tls.TlsMaterial;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Loads the PEM key material of a {@code kubernetes.io/tls} Secret: the certificate chain from {@code tls.crt}
 * (one or more {@code CERTIFICATE} blocks, leaf first) and the private key from {@code tls.key} (PKCS#8, PKCS#1 RSA
 * or SEC1 EC; encrypted keys are rejected).
 *
 * <p>It checks that the key matches the leaf certificate and that the leaf is valid now (by the given clock); the
 * other certificates of the chain are passed on unchecked, since chains in the wild often carry an expired
 * cross-signed root that clients ignore. The returned key and certificates are JDK objects.
 *
 * <p>Thread-safe and stateless.
 */
public final class PemTlsMaterialLoader implements TlsMaterialLoader {

    /** The Secret data key of the certificate chain. */
    public static final String CERTIFICATE_KEY = "tls.crt";
    /** The Secret data key of the private key. */
    public static final String PRIVATE_KEY_KEY = "tls.key";

    private final Clock clock;

    /** @param clock the clock against which the leaf certificate's validity period is checked */
    public PemTlsMaterialLoader(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "pem";
    }

    @Override
    public TlsMaterial load(Map<String, byte[]> secretData) throws InvalidTlsMaterialException {
        requireNonNull(secretData, "secretData");
        byte[] certificateBytes = required(secretData, CERTIFICATE_KEY, "a PEM certificate chain, leaf first");
        byte[] keyBytes = required(secretData, PRIVATE_KEY_KEY, "a PEM private key");
        List<X509Certificate> chain =
                CertificateChainParser.parse(CERTIFICATE_KEY, PemDocument.parse(CERTIFICATE_KEY, certificateBytes));
        PrivateKey privateKey = PrivateKeyParser.parse(PRIVATE_KEY_KEY, PemDocument.parse(PRIVATE_KEY_KEY, keyBytes));
        X509Certificate leaf = chain.get(0);
        KeyCertificateMatch.check(privateKey, leaf);
        checkValidity(leaf);
        return new TlsMaterial(privateKey, chain);
    }

    private static byte[] required(Map<String, byte[]> secretData, String key, String expected)
            throws InvalidTlsMaterialException {
        byte[] value = secretData.get(key);
        if (value == null) {
            throw new InvalidTlsMaterialException("Secret data has no '" + key + "' (expected: " + expected
                    + "; keys present: " + secretData.keySet().stream().sorted().toList() + ")");
        }
        if (value.length == 0) {
            throw new InvalidTlsMaterialException(key + ": empty (expected: " + expected + ")");
        }
        return value;
    }

    private void checkValidity(X509Certificate leaf) throws InvalidTlsMaterialException {
        Instant now = clock.instant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        String where = CERTIFICATE_KEY + ": the leaf certificate (" + leaf.getSubjectX500Principal().getName() + ")";
        if (now.isAfter(notAfter)) {
            throw new InvalidTlsMaterialException(where + " expired at " + notAfter + " (valid from " + notBefore
                    + " until " + notAfter + "; now " + now + ")");
        }
        if (now.isBefore(notBefore)) {
            throw new InvalidTlsMaterialException(where + " is not valid until " + notBefore + " (valid from "
                    + notBefore + " until " + notAfter + "; now " + now + ")");
        }
    }
}
