package io.lintel.plugin.tls.pem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** Keys, certificates and PEM text in every form the loader accepts (and some it must refuse), made in process. */
final class TestPki {

    /** Only for password-based encryption in tests; never registered with {@code Security}. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(1);
    static final char[] PASSWORD = "secret".toCharArray();

    private TestPki() {}

    static KeyPair ecP256() {
        return generate("EC", "secp256r1");
    }

    static KeyPair rsa2048() {
        return generate("RSA", null);
    }

    static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code subjectKey}, valid over [notBefore, notAfter], signed by {@code issuerKey}. */
    static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
            boolean ca, Instant notBefore, Instant notAfter, List<String> dnsNames, List<String> ipAddresses) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
                GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
                int i = 0;
                for (String name : dnsNames) {
                    names[i++] = new GeneralName(GeneralName.dNSName, name);
                }
                for (String address : ipAddresses) {
                    names[i++] = new GeneralName(GeneralName.iPAddress, address);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed server certificate for localhost and 127.0.0.1, valid from an hour ago for a day. */
    static X509Certificate selfSigned(KeyPair keyPair) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return certificate("CN=localhost", keyPair.getPublic(), "CN=localhost", keyPair.getPrivate(), false,
                now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), List.of("localhost"), List.of("127.0.0.1"));
    }

    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> throw new IllegalArgumentException(key.getAlgorithm());
        };
    }

    static String pem(String type, byte[] der) {
        return Pem.encode(type, der);
    }

    static String certificatesPem(X509Certificate... chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(pem("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    static String pkcs8(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    static String pkcs1(PrivateKey rsaKey) {
        try {
            return pem("RSA PRIVATE KEY", RSAPrivateKey.getInstance(
                    PrivateKeyInfo.getInstance(rsaKey.getEncoded()).parsePrivateKey()).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEC1 as openssl writes it: with the curve OID and the public key inside. */
    static String sec1(KeyPair ecKeyPair) {
        return pem("EC PRIVATE KEY", sec1Der(ecKeyPair, true));
    }

    /** SEC1 without the curve inside, preceded by an {@code EC PARAMETERS} block, as 'openssl ecparam -genkey' can write it. */
    static String sec1WithSeparateParameters(KeyPair ecKeyPair) {
        try {
            return pem("EC PARAMETERS", curve(ecKeyPair.getPrivate()).getEncoded()) + pem("EC PRIVATE KEY", sec1Der(ecKeyPair, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sec1WithoutCurve(KeyPair ecKeyPair) {
        return pem("EC PRIVATE KEY", sec1Der(ecKeyPair, false));
    }

    private static byte[] sec1Der(KeyPair keyPair, boolean withCurve) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
            ECPrivateKey jdkInner = ECPrivateKey.getInstance(info.parsePrivateKey());
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
            return new ECPrivateKey(256, jdkInner.getKey(), publicKey.getPublicKeyData(),
                    withCurve ? curve(keyPair.getPrivate()) : null).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ASN1ObjectIdentifier curve(PrivateKey key) {
        return (ASN1ObjectIdentifier) PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
    }

    /** PKCS#8 encrypted with a password ({@code ENCRYPTED PRIVATE KEY}). */
    static String encryptedPkcs8(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(BC).setPassword(PASSWORD).build()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Traditional openssl encryption: an {@code RSA PRIVATE KEY} with {@code Proc-Type: 4,ENCRYPTED}. */
    static String legacyEncrypted(PrivateKey key) {
        try {
            return write(new JcaMiscPEMGenerator(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(PemObjectGenerator generator) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(generator);
        }
        return out.toString();
    }

    static Map<String, byte[]> secretData(String certificatePem, String keyPem) {
        Map<String, byte[]> data = new HashMap<>();
        data.put("tls.crt", certificatePem.getBytes(StandardCharsets.UTF_8));
        data.put("tls.key", keyPem.getBytes(StandardCharsets.UTF_8));
        return data;
    }
}
