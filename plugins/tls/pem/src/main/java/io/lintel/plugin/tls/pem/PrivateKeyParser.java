package io.lintel.plugin.tls.pem;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Turns the PEM blocks of {@code tls.key} into one JDK {@link PrivateKey}.
 *
 * <p>Every accepted form (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY})
 * is first rewritten as PKCS#8 and then decoded by the JDK's own {@link KeyFactory}, so the key is a plain JDK key
 * that Netty and the JDK's TLS stack accept; BouncyCastle only reads the ASN.1 structures.
 */
final class PrivateKeyParser {

    static final String PKCS8 = "PRIVATE KEY";
    static final String PKCS1_RSA = "RSA PRIVATE KEY";
    static final String SEC1_EC = "EC PRIVATE KEY";
    static final String EC_PARAMETERS = "EC PARAMETERS";
    static final String PKCS8_ENCRYPTED = "ENCRYPTED PRIVATE KEY";

    private static final String SUPPORTED = "'" + PKCS8 + "' (PKCS#8: RSA, EC, Ed25519, Ed448), '" + PKCS1_RSA
            + "' (PKCS#1) or '" + SEC1_EC + "' (SEC1)";
    private static final String DECRYPT_HINT = "Lintel needs an unencrypted key: decrypt it, e.g. with"
            + " 'openssl pkey -in encrypted.key -out tls.key'";

    /** Private key algorithm OIDs the JDK's key factories decode, with the JDK algorithm name. */
    private static final Map<ASN1ObjectIdentifier, String> JDK_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448");

    private PrivateKeyParser() {}

    /**
     * @param key the Secret data key, for messages
     * @throws InvalidTlsMaterialException unless the blocks hold exactly one unencrypted private key of a supported form
     */
    static PrivateKey parse(String key, List<PemBlock> blocks) throws InvalidTlsMaterialException {
        PemBlock keyBlock = null;
        ASN1Primitive ecParameters = null;
        List<String> seen = new ArrayList<>();
        for (PemBlock block : blocks) {
            seen.add(block.type());
            if (block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED")) {
                throw new InvalidTlsMaterialException(key + ": " + block.describe() + " is encrypted (Proc-Type: "
                        + block.headers().get("Proc-Type") + "); " + DECRYPT_HINT);
            }
            switch (block.type()) {
                case PKCS8_ENCRYPTED -> throw new InvalidTlsMaterialException(key + ": " + block.describe()
                        + " is an encrypted PKCS#8 key; " + DECRYPT_HINT);
                case EC_PARAMETERS -> ecParameters = asn1(key, block);
                case PKCS8, PKCS1_RSA, SEC1_EC -> {
                    if (keyBlock != null) {
                        throw new InvalidTlsMaterialException(key + ": holds more than one private key ("
                                + keyBlock.describe() + " and " + block.describe() + "; expected exactly one)");
                    }
                    keyBlock = block;
                }
                case CertificateChainParser.CERTIFICATE -> throw new InvalidTlsMaterialException(key + ": "
                        + block.describe() + " is a certificate (expected: only the private key; certificates belong in tls.crt)");
                default -> throw new InvalidTlsMaterialException(key + ": " + block.describe()
                        + " is not a supported private key (expected: " + SUPPORTED + ")");
            }
        }
        if (keyBlock == null) {
            throw new InvalidTlsMaterialException(key + ": no private key found among the PEM blocks " + seen
                    + " (expected: " + SUPPORTED + ")");
        }
        PrivateKeyInfo pkcs8 = switch (keyBlock.type()) {
            case PKCS1_RSA -> fromPkcs1(key, keyBlock);
            case SEC1_EC -> fromSec1(key, keyBlock, ecParameters);
            default -> fromPkcs8(key, keyBlock);
        };
        return toJdkKey(key, keyBlock, pkcs8);
    }

    private static PrivateKeyInfo fromPkcs8(String key, PemBlock block) throws InvalidTlsMaterialException {
        try {
            return PrivateKeyInfo.getInstance(block.der());
        } catch (RuntimeException e) {
            throw unparsable(key, block, "PKCS#8 PrivateKeyInfo", e);
        }
    }

    private static PrivateKeyInfo fromPkcs1(String key, PemBlock block) throws InvalidTlsMaterialException {
        try {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(block.der());
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
        } catch (IOException | RuntimeException e) {
            throw unparsable(key, block, "PKCS#1 RSAPrivateKey", e);
        }
    }

    private static PrivateKeyInfo fromSec1(String key, PemBlock block, ASN1Primitive separateParameters)
            throws InvalidTlsMaterialException {
        ECPrivateKey ec;
        try {
            ec = ECPrivateKey.getInstance(block.der());
        } catch (RuntimeException e) {
            throw unparsable(key, block, "SEC1 ECPrivateKey", e);
        }
        // openssl puts the curve inside the key; 'openssl ecparam -genkey' also writes it as a block of its own.
        ASN1Encodable parameters = ec.getParametersObject() != null ? ec.getParametersObject() : separateParameters;
        if (parameters == null) {
            throw new InvalidTlsMaterialException(key + ": " + block.describe() + " does not name its curve"
                    + " (expected: curve parameters inside the key or in an '" + EC_PARAMETERS + "' block before it)");
        }
        try {
            // The curve moves to the AlgorithmIdentifier, where PKCS#8 keeps it; the public key stays.
            ECPrivateKey withoutCurve = new ECPrivateKey(ec.getPrivateKey(), null, ec.getPublicKey());
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, parameters), withoutCurve);
        } catch (IOException | RuntimeException e) {
            throw unparsable(key, block, "SEC1 ECPrivateKey", e);
        }
    }

    private static PrivateKey toJdkKey(String key, PemBlock block, PrivateKeyInfo info) throws InvalidTlsMaterialException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        String jdkAlgorithm = JDK_ALGORITHMS.get(algorithm.getAlgorithm());
        if (jdkAlgorithm == null) {
            throw new InvalidTlsMaterialException(key + ": " + block.describe() + " holds a key of algorithm "
                    + algorithm.getAlgorithm().getId() + ", which cannot serve TLS (expected: RSA, EC, Ed25519 or Ed448)");
        }
        try {
            byte[] encoded = info.getEncoded(ASN1Encoding.DER);
            return KeyFactory.getInstance(jdkAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded, jdkAlgorithm));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidTlsMaterialException(key + ": " + block.describe() + " holds " + describe(jdkAlgorithm, algorithm)
                    + " that the JDK cannot use: " + e.getMessage(), e);
        }
    }

    private static String describe(String jdkAlgorithm, AlgorithmIdentifier algorithm) {
        if (jdkAlgorithm.equals("EC")) {
            ASN1Encodable parameters = algorithm.getParameters();
            if (parameters instanceof ASN1ObjectIdentifier curve) {
                String name = ECNamedCurveTable.getName(curve);
                return "an EC key on curve " + (name != null ? name : curve.getId())
                        + " (the JDK supports secp256r1, secp384r1 and secp521r1)";
            }
            return "an EC key with explicit curve parameters (expected: a named curve such as prime256v1)";
        }
        return "an " + jdkAlgorithm + " key";
    }

    private static ASN1Primitive asn1(String key, PemBlock block) throws InvalidTlsMaterialException {
        try {
            return ASN1Primitive.fromByteArray(block.der());
        } catch (IOException | RuntimeException e) {
            throw unparsable(key, block, "ASN.1 structure", e);
        }
    }

    private static InvalidTlsMaterialException unparsable(String key, PemBlock block, String expected, Exception e) {
        return new InvalidTlsMaterialException(key + ": " + block.describe() + " is not a valid " + expected + ": "
                + e.getMessage(), e);
    }
}
