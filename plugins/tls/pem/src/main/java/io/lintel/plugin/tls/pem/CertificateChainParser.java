package io.lintel.plugin.tls.pem;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Turns the PEM blocks of {@code tls.crt} into JDK certificates, in document order (leaf first). */
final class CertificateChainParser {

    static final String CERTIFICATE = "CERTIFICATE";

    private CertificateChainParser() {}

    /**
     * @param key the Secret data key, for messages
     * @throws InvalidTlsMaterialException if a block is not a certificate or does not parse as one
     */
    static List<X509Certificate> parse(String key, List<PemBlock> blocks) throws InvalidTlsMaterialException {
        CertificateFactory factory = x509Factory();
        List<X509Certificate> chain = new ArrayList<>(blocks.size());
        for (PemBlock block : blocks) {
            if (!block.type().equals(CERTIFICATE)) {
                throw new InvalidTlsMaterialException(key + ": " + block.describe() + " is not a certificate (expected: only '"
                        + CERTIFICATE + "' blocks, leaf first; the private key belongs in tls.key)");
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException | RuntimeException e) {
                throw new InvalidTlsMaterialException(key + ": " + block.describe() + " is not a valid X.509 certificate: "
                        + e.getMessage(), e);
            }
        }
        return chain;
    }

    private static CertificateFactory x509Factory() {
        try {
            // A new instance per call: CertificateFactory is not documented as thread-safe.
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 CertificateFactory", e);
        }
    }
}
