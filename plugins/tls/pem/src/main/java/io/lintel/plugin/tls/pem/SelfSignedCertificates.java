package io.lintel.plugin.tls.pem;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Generates a key pair and a self-signed server certificate for given DNS names and IP addresses, for
 * {@code lintel cert} and for tests.
 *
 * <p>The certificate is an end-entity certificate (not a CA) for TLS servers: the DNS names and IP addresses are its
 * subject alternative names, the first of them also its common name. Keys are generated and certificates signed by
 * the JDK's own providers; BouncyCastle only builds the certificate structure. Thread-safe.
 */
public final class SelfSignedCertificates {

    /** The key algorithms offered. */
    public enum KeyAlgorithm {
        /** ECDSA on NIST P-256 (secp256r1), signed with SHA256withECDSA: small and fast; the default. */
        EC_P256,
        /** RSA 2048 bits, signed with SHA256withRSA: for clients that do not speak ECDSA. */
        RSA_2048
    }

    /**
     * What to generate.
     *
     * @param dnsNames DNS names, wildcards ({@code *.example.com}) allowed; lower-cased
     * @param ipAddresses IPv4 or IPv6 address literals
     * @param validity how long the certificate is valid from now; positive
     * @param keyAlgorithm the key to generate
     */
    public record Request(List<String> dnsNames, List<String> ipAddresses, Duration validity, KeyAlgorithm keyAlgorithm) {

        private static final Pattern DNS_NAME =
                Pattern.compile("(\\*\\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");

        public Request {
            dnsNames = requireNonNull(dnsNames, "dnsNames").stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
            ipAddresses = List.copyOf(requireNonNull(ipAddresses, "ipAddresses"));
            requireNonNull(validity, "validity");
            requireNonNull(keyAlgorithm, "keyAlgorithm");
            if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
                throw new IllegalArgumentException("dnsNames, ipAddresses: both empty (expected: at least one name or address)");
            }
            for (String name : dnsNames) {
                if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("dnsNames: '" + name
                            + "' is not a DNS name (expected: labels of a-z, 0-9 and '-', optionally starting with '*.')");
                }
            }
            for (String address : ipAddresses) {
                if (!IPAddress.isValid(address)) {
                    throw new IllegalArgumentException("ipAddresses: '" + address
                            + "' is not an IP address (expected: an IPv4 or IPv6 literal without a prefix length)");
                }
            }
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity: " + validity + " (expected: positive)");
            }
        }

        /** An EC P-256 certificate valid for 365 days. */
        public static Request of(List<String> dnsNames, List<String> ipAddresses) {
            return new Request(dnsNames, ipAddresses, Duration.ofDays(365), KeyAlgorithm.EC_P256);
        }

        public Request withValidityDays(int days) {
            return new Request(dnsNames, ipAddresses, Duration.ofDays(days), keyAlgorithm);
        }

        public Request withKeyAlgorithm(KeyAlgorithm algorithm) {
            return new Request(dnsNames, ipAddresses, validity, algorithm);
        }
    }

    /** Backdating tolerates clocks that lag behind the generating machine's. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificates() {}

    /** Generates with the system clock. */
    public static SelfSignedCertificate generate(Request request) {
        return generate(request, Clock.systemUTC());
    }

    /** Generates a certificate valid from an hour before {@code clock.instant()} until {@code validity} after it. */
    public static SelfSignedCertificate generate(Request request, Clock clock) {
        requireNonNull(request, "request");
        requireNonNull(clock, "clock");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        KeyPair keyPair = generateKeyPair(request.keyAlgorithm());
        String commonName = request.dnsNames().isEmpty() ? request.ipAddresses().get(0) : request.dnsNames().get(0);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(request.validity())), subject, keyPair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(request));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, keyUsage(request.keyAlgorithm()));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(request.keyAlgorithm()))
                            .build(keyPair.getPrivate())));
            return new SelfSignedCertificate(keyPair.getPrivate(), certificate);
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a self-signed certificate for " + commonName, e);
        }
    }

    private static KeyPair generateKeyPair(KeyAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case EC_P256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield generator.generateKeyPair();
                }
                case RSA_2048 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    yield generator.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + algorithm + " key", e);
        }
    }

    private static String signatureAlgorithm(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case EC_P256 -> "SHA256withECDSA";
            case RSA_2048 -> "SHA256withRSA";
        };
    }

    private static KeyUsage keyUsage(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case EC_P256 -> new KeyUsage(KeyUsage.digitalSignature);
            // keyEncipherment for TLS 1.2 RSA key exchange, still offered by some clients.
            case RSA_2048 -> new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        };
    }

    private static GeneralNames subjectAlternativeNames(Request request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        request.ipAddresses().forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** 127 random bits: positive and unique enough, within the 20 octets RFC 5280 allows. */
    private static BigInteger serialNumber() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
