package io.lintel.plugin.tls.pem;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;

/**
 * Checks that a private key belongs to a certificate's public key.
 *
 * <p>A mismatch would otherwise only show up as a failed handshake on the first client connection, with an error
 * that names neither the Secret nor the cause.
 */
final class KeyCertificateMatch {

    private static final byte[] PROBE = "lintel key/certificate match probe".getBytes(StandardCharsets.US_ASCII);

    private KeyCertificateMatch() {}

    static void check(PrivateKey privateKey, X509Certificate leaf) throws InvalidTlsMaterialException {
        PublicKey publicKey = leaf.getPublicKey();
        String subject = leaf.getSubjectX500Principal().getName();
        if (privateKey instanceof RSAKey rsaPrivate && publicKey instanceof RSAKey rsaPublic) {
            // Covers RSA and RSASSA-PSS in any combination: the modulus is the key.
            if (!rsaPrivate.getModulus().equals(rsaPublic.getModulus())) {
                throw mismatch(subject, "the RSA moduli differ");
            }
            return;
        }
        String keyAlgorithm = privateKey.getAlgorithm();
        if (!keyAlgorithm.equals(publicKey.getAlgorithm())) {
            throw mismatch(subject, "tls.key holds an " + keyAlgorithm + " key, the certificate an "
                    + publicKey.getAlgorithm() + " public key");
        }
        // EC and EdDSA private keys do not carry their public key in a form the JDK exposes: sign and verify.
        String signatureAlgorithm = keyAlgorithm.equals("EC") ? "SHA256withECDSA" : keyAlgorithm;
        boolean verified;
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            verified = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new InvalidTlsMaterialException("tls.key: cannot check the key against the leaf certificate in tls.crt ("
                    + subject + "): " + e.getMessage(), e);
        }
        if (!verified) {
            throw mismatch(subject, "a signature made with tls.key does not verify with the certificate's public key");
        }
    }

    private static InvalidTlsMaterialException mismatch(String subject, String detail) {
        return new InvalidTlsMaterialException("tls.key: the private key does not match the public key of the leaf"
                + " certificate in tls.crt (" + subject + "): " + detail
                + " (expected: the key the leaf certificate, the first in tls.crt, was issued for)");
    }
}
