package io.lintel.core.testing;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.tls.InvalidTlsMaterialException;
import io.lintel.spi.tls.TlsMaterial;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS helpers for core tests (core cannot depend on the TLS plugins): a PEM {@link TlsMaterialLoader} for
 * {@code tls.crt}/{@code tls.key} (certificates; PKCS#8, PKCS#1 or SEC1 keys; no validity or key-match checks, so
 * golden files do not depend on the date), a registry holding it, and self-signed EC certificates made in process.
 */
public final class TestTls {

    /** Parses PEM like the PEM plugin, without its checks. */
    public static final TlsMaterialLoader PEM_LOADER = new TlsMaterialLoader() {
        @Override
        public String name() {
            return "test-pem";
        }

        @Override
        public TlsMaterial load(Map<String, byte[]> secretData) throws InvalidTlsMaterialException {
            byte[] certificates = secretData.get("tls.crt");
            byte[] key = secretData.get("tls.key");
            if (certificates == null || key == null) {
                throw new InvalidTlsMaterialException("expected tls.crt and tls.key, got " + secretData.keySet());
            }
            return new TlsMaterial(privateKey(key), chain(certificates));
        }
    };

    /** Core's features and {@link #PEM_LOADER}. */
    public static final PluginRegistry REGISTRY = new PluginRegistry(List.of("test-tls"), Map.of(), Map.of(),
            List.of(PEM_LOADER), Map.of(), PluginRegistry.CORE_FEATURES);

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A self-signed certificate and its key, as PEM and as JDK objects. */
    public record Pem(String certificatePem, String keyPem, X509Certificate certificate, PrivateKey key) {

        /** The Secret data a loader gets. */
        public Map<String, byte[]> secretData() {
            return Map.of("tls.crt", certificatePem.getBytes(StandardCharsets.US_ASCII),
                    "tls.key", keyPem.getBytes(StandardCharsets.US_ASCII));
        }

        public TlsMaterial material() {
            return new TlsMaterial(key, List.of(certificate));
        }
    }

    private TestTls() {}

    /** A P-256 certificate for the DNS names, valid from yesterday for a week, with subject CN = the first name. */
    public static Pem selfSigned(String... dnsNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + dnsNames[0].replace("*", "wildcard"));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(7, ChronoUnit.DAYS)), subject, pair.getPublic());
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new Pem(pem(certificate), pkcs8(pair.getPrivate()), certificate, pair.getPrivate());
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static List<X509Certificate> chain(byte[] pem) throws InvalidTlsMaterialException {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                    .forEach(c -> chain.add((X509Certificate) c));
            if (chain.isEmpty()) {
                throw new InvalidTlsMaterialException("tls.crt: no certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw new InvalidTlsMaterialException("tls.crt: not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(byte[] pem) throws InvalidTlsMaterialException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new InvalidTlsMaterialException("tls.key: no PEM private key");
        } catch (IOException e) {
            throw new InvalidTlsMaterialException("tls.key: not a PEM private key (" + e.getMessage() + ")", e);
        }
    }
}
