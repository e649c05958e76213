package io.lintel.core.cli;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Generates a key pair and a self-signed TLS server certificate with JDK APIs only, for {@code lintel cert}.
 *
 * <p>Core cannot use the PEM plugin's generator (plugins depend on core, never the reverse), and the JDK has no
 * public certificate builder, so the certificate is assembled here with {@link Der} and signed by the JDK. It is an
 * end-entity certificate (not a CA) with the given names as subject alternative names (DNS names, or IP addresses for
 * address literals), the first also as common name, key usage for TLS servers and extended key usage serverAuth.
 * Thread-safe.
 */
final class SelfSignedCertificateBuilder {

    /** The key types offered. */
    enum KeyType {
        /** ECDSA on P-256 signed with SHA256withECDSA: small and fast. */
        EC("1.2.840.10045.4.3.2", "SHA256withECDSA"),
        /** RSA 2048 bits signed with SHA256withRSA: for clients without ECDSA. */
        RSA("1.2.840.113549.1.1.11", "SHA256withRSA");

        private final String signatureOid;
        private final String signatureAlgorithm;

        KeyType(String signatureOid, String signatureAlgorithm) {
            this.signatureOid = signatureOid;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    /** A generated key and its certificate. */
    record Generated(PrivateKey privateKey, X509Certificate certificate) {

        Generated {
            requireNonNull(privateKey, "privateKey");
            requireNonNull(certificate, "certificate");
        }

        String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot encode the certificate", e);
            }
        }

        /** Unencrypted PKCS#8, the form every TLS stack (and the PEM plugin) reads. */
        String privateKeyPem() {
            return pem("PRIVATE KEY", privateKey.getEncoded());
        }
    }

    private static final Pattern DNS_NAME =
            Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Tolerates clocks that lag behind the generating machine's. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificateBuilder() {}

    /**
     * @param names DNS names (wildcards allowed) or IPv4/IPv6 literals; at least one
     * @param validity how long from now the certificate is valid; positive
     * @throws IllegalArgumentException naming the offending option value
     */
    static Generated generate(List<String> names, Duration validity, KeyType keyType, Instant now) {
        requireNonNull(names, "names");
        requireNonNull(validity, "validity");
        requireNonNull(keyType, "keyType");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--hostname: none given (expected: at least one DNS name or IP address)");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("--days: " + validity.toDays() + " (expected: at least 1)");
        }
        List<byte[]> alternativeNames = new ArrayList<>();
        for (String name : names) {
            alternativeNames.add(alternativeName(name));
        }
        KeyPair keyPair = keyPair(keyType);
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
        byte[] subject = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(names.get(0).toLowerCase(Locale.ROOT)))));
        byte[] signatureAlgorithm = keyType == KeyType.RSA
                ? Der.sequence(Der.oid(keyType.signatureOid), Der.nullValue())
                : Der.sequence(Der.oid(keyType.signatureOid));
        byte[] extensions = Der.sequence(
                extension("2.5.29.17", false, Der.sequence(alternativeNames.toArray(byte[][]::new))),
                extension("2.5.29.19", true, Der.sequence()),
                // digitalSignature, plus keyEncipherment for TLS 1.2 RSA key exchange.
                extension("2.5.29.15", true, keyType == KeyType.RSA
                        ? Der.bitString(new byte[] {(byte) 0xa0}, 5)
                        : Der.bitString(new byte[] {(byte) 0x80}, 7)),
                extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)),
                signatureAlgorithm,
                subject,
                Der.sequence(Der.time(start.atZone(ZoneOffset.UTC)), Der.time(start.plus(BACKDATE).plus(validity).atZone(ZoneOffset.UTC))),
                subject,
                keyPair.getPublic().getEncoded(),
                Der.explicit(3, extensions));
        try {
            Signature signer = Signature.getInstance(keyType.signatureAlgorithm);
            signer.initSign(keyPair.getPrivate(), RANDOM);
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, signatureAlgorithm, Der.bitString(signer.sign()));
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            parsed.verify(keyPair.getPublic());
            return new Generated(keyPair.getPrivate(), parsed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a self-signed certificate for " + names, e);
        }
    }

    private static byte[] alternativeName(String name) {
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            try {
                // A literal: getByName parses it without a DNS lookup.
                return Der.implicitPrimitive(7, InetAddress.getByName(name).getAddress());
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("--hostname: '" + name + "' is not an IP address", e);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() > 253 || !DNS_NAME.matcher(lower).matches()) {
            throw new IllegalArgumentException("--hostname: '" + name
                    + "' is not a DNS name (expected: labels of a-z, 0-9 and '-', optionally starting with '*.', or an IP address)");
        }
        return Der.implicitPrimitive(2, lower.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static KeyPair keyPair(KeyType keyType) {
        try {
            return switch (keyType) {
                case EC -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield generator.generateKeyPair();
                }
                case RSA -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    yield generator.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + keyType + " key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
