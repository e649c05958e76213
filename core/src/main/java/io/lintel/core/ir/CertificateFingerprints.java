package io.lintel.core.ir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code sha256:<hex>} fingerprints the IR uses to tell TLS material apart (and to key cached SSL contexts):
 * equal material gives equal fingerprints, across translations.
 */
public final class CertificateFingerprints {

    private CertificateFingerprints() {}

    /** Over the length-prefixed DER encodings of the certificates, in order. */
    public static String of(List<X509Certificate> certificates) {
        return sha256(out -> writeCertificates(out, certificates));
    }

    /** Over the length-prefixed DER encodings of the chain, then the key's algorithm and length-prefixed encoding. */
    public static String of(List<X509Certificate> chain, PrivateKey privateKey) {
        return sha256(out -> {
            writeCertificates(out, chain);
            byte[] key = privateKey.getEncoded();
            out.writeUTF(privateKey.getAlgorithm());
            out.writeInt(key == null ? -1 : key.length);
            if (key != null) {
                out.write(key);
            }
        });
    }

    private interface Content {
        void writeTo(DataOutputStream out) throws IOException, CertificateEncodingException;
    }

    private static void writeCertificates(DataOutputStream out, List<X509Certificate> certificates)
            throws IOException, CertificateEncodingException {
        for (X509Certificate certificate : certificates) {
            byte[] der = certificate.getEncoded();
            out.writeInt(der.length);
            out.write(der);
        }
    }

    private static String sha256(Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            content.writeTo(out);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
