package io.lintel.plugin.tls.pem;

import static io.lintel.plugin.tls.pem.TestPki.certificatesPem;
import static io.lintel.plugin.tls.pem.TestPki.pkcs8;
import static io.lintel.plugin.tls.pem.TestPki.secretData;
import static io.lintel.plugin.tls.pem.TestPki.selfSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.tls.InvalidTlsMaterialException;
import io.lintel.spi.tls.TlsMaterial;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PemTlsMaterialLoaderTest {

    private static final PemTlsMaterialLoader LOADER = new PemTlsMaterialLoader(Clock.systemUTC());

    private static KeyPair rsa;
    private static X509Certificate rsaCertificate;
    private static KeyPair ec;
    private static X509Certificate ecCertificate;

    @BeforeAll
    static void generateKeys() {
        rsa = TestPki.rsa2048();
        rsaCertificate = selfSigned(rsa);
        ec = TestPki.ecP256();
        ecCertificate = selfSigned(ec);
    }

    @Test
    void isNamedPem() {
        assertThat(LOADER.name()).isEqualTo("pem");
    }

    @Nested
    class KeyForms {

        @Test
        void rsaPkcs1() throws Exception {
            assertLoads(rsa, rsaCertificate, TestPki.pkcs1(rsa.getPrivate()));
        }

        @Test
        void rsaPkcs8() throws Exception {
            assertLoads(rsa, rsaCertificate, pkcs8(rsa.getPrivate()));
        }

        @Test
        void ecSec1() throws Exception {
            assertLoads(ec, ecCertificate, TestPki.sec1(ec));
        }

        @Test
        void ecSec1WithCurveInASeparateEcParametersBlock() throws Exception {
            assertLoads(ec, ecCertificate, TestPki.sec1WithSeparateParameters(ec));
        }

        @Test
        void ecPkcs8() throws Exception {
            assertLoads(ec, ecCertificate, pkcs8(ec.getPrivate()));
        }

        @Test
        void ed25519Pkcs8() throws Exception {
            KeyPair ed = TestPki.ed25519();
            assertLoads(ed, selfSigned(ed), pkcs8(ed.getPrivate()));
        }

        private void assertLoads(KeyPair keyPair, X509Certificate certificate, String keyPem) throws Exception {
            TlsMaterial material = LOADER.load(secretData(certificatesPem(certificate), keyPem));

            assertThat(material.chain()).containsExactly(certificate);
            PrivateKey key = material.privateKey();
            assertSameKey(key, keyPair.getPrivate());
            assertThat(key.getClass().getName()).doesNotStartWith("org.bouncycastle");
            // The key round-trips through the JDK's own KeyFactory, as core's SslContext building will do.
            assertThat(KeyFactory.getInstance(key.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded())))
                    .isEqualTo(key);
        }
    }

    @Test
    void chainOfLeafAndIntermediateKeepsItsOrder() throws Exception {
        Instant now = Instant.now();
        KeyPair root = TestPki.ecP256();
        KeyPair intermediate = TestPki.ecP256();
        X509Certificate intermediateCertificate = TestPki.certificate("CN=Intermediate", intermediate.getPublic(),
                "CN=Root", root.getPrivate(), true, now.minus(1, ChronoUnit.DAYS), now.plus(9, ChronoUnit.DAYS),
                List.of(), List.of());
        X509Certificate leafCertificate = TestPki.certificate("CN=leaf", ec.getPublic(), "CN=Intermediate",
                intermediate.getPrivate(), false, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                List.of("leaf.example"), List.of());

        TlsMaterial material = LOADER.load(secretData(certificatesPem(leafCertificate, intermediateCertificate), TestPki.sec1(ec)));

        assertThat(material.chain()).containsExactly(leafCertificate, intermediateCertificate);
    }

    @Test
    void toleratesCrLfLineEndingsTextAroundBlocksAndAByteOrderMark() throws Exception {
        String certificate = "Bag Attributes\n    friendlyName: server\nsubject=CN = localhost\n"
                + certificatesPem(ecCertificate).replace("\n", "\r\n") + "\r\n";
        String key = "\uFEFF" + pkcs8(ec.getPrivate()).replace("\n", "\r\n");

        assertThat(LOADER.load(secretData(certificate, key)).chain()).containsExactly(ecCertificate);
    }

    @Nested
    class Mismatch {

        @Test
        void ecKeyOfAnotherCertificate() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate), pkcs8(TestPki.ecP256().getPrivate()))))
                    .isInstanceOf(InvalidTlsMaterialException.class)
                    .hasMessageContaining("tls.key: the private key does not match the public key of the leaf certificate in tls.crt (CN=localhost)")
                    .hasMessageContaining("does not verify");
        }

        @Test
        void rsaKeyOfAnotherCertificate() {
            KeyPair otherRsa = TestPki.rsa2048();
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(rsaCertificate), TestPki.pkcs1(otherRsa.getPrivate()))))
                    .hasMessageContaining("does not match")
                    .hasMessageContaining("the RSA moduli differ");
        }

        @Test
        void keyOfAnotherAlgorithm() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(rsaCertificate), pkcs8(ec.getPrivate()))))
                    .hasMessageContaining("does not match")
                    .hasMessageContaining("tls.key holds an EC key, the certificate an RSA public key");
        }

        @Test
        void keyOfTheIntermediateInsteadOfTheLeaf() {
            Instant now = Instant.now();
            KeyPair intermediate = TestPki.ecP256();
            X509Certificate intermediateCertificate = TestPki.certificate("CN=Intermediate", intermediate.getPublic(),
                    "CN=Root", TestPki.ecP256().getPrivate(), true, now.minus(1, ChronoUnit.DAYS), now.plus(9, ChronoUnit.DAYS),
                    List.of(), List.of());
            X509Certificate leafCertificate = TestPki.certificate("CN=leaf", ec.getPublic(), "CN=Intermediate",
                    intermediate.getPrivate(), false, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                    List.of(), List.of());

            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(leafCertificate, intermediateCertificate),
                    pkcs8(intermediate.getPrivate()))))
                    .hasMessageContaining("does not match the public key of the leaf certificate in tls.crt (CN=leaf)");
        }
    }

    @Nested
    class Validity {

        private final Instant notBefore = Instant.parse("2030-01-01T00:00:00Z");
        private final Instant notAfter = Instant.parse("2030-03-01T00:00:00Z");
        private final X509Certificate certificate = TestPki.certificate("CN=dated", ec.getPublic(), "CN=dated",
                ec.getPrivate(), false, notBefore, notAfter, List.of("dated.example"), List.of());
        private final Map<String, byte[]> data = secretData(certificatesPem(certificate), pkcs8(ec.getPrivate()));

        @Test
        void expiredLeafIsRejectedWithItsDates() {
            PemTlsMaterialLoader loader = new PemTlsMaterialLoader(fixedClock("2030-03-01T00:00:01Z"));

            assertThatThrownBy(() -> loader.load(data))
                    .isInstanceOf(InvalidTlsMaterialException.class)
                    .hasMessage("tls.crt: the leaf certificate (CN=dated) expired at 2030-03-01T00:00:00Z"
                            + " (valid from 2030-01-01T00:00:00Z until 2030-03-01T00:00:00Z; now 2030-03-01T00:00:01Z)");
        }

        @Test
        void notYetValidLeafIsRejectedWithItsDates() {
            PemTlsMaterialLoader loader = new PemTlsMaterialLoader(fixedClock("2029-12-31T23:59:59Z"));

            assertThatThrownBy(() -> loader.load(data))
                    .hasMessage("tls.crt: the leaf certificate (CN=dated) is not valid until 2030-01-01T00:00:00Z"
                            + " (valid from 2030-01-01T00:00:00Z until 2030-03-01T00:00:00Z; now 2029-12-31T23:59:59Z)");
        }

        @Test
        void leafIsValidOnItsBoundaries() throws Exception {
            assertThat(new PemTlsMaterialLoader(fixedClock("2030-01-01T00:00:00Z")).load(data).chain()).hasSize(1);
            assertThat(new PemTlsMaterialLoader(fixedClock("2030-03-01T00:00:00Z")).load(data).chain()).hasSize(1);
        }

        @Test
        void expiredIntermediateIsPassedOn() throws Exception {
            KeyPair intermediate = TestPki.ecP256();
            X509Certificate expiredIntermediate = TestPki.certificate("CN=Old cross-sign", intermediate.getPublic(),
                    "CN=Root", intermediate.getPrivate(), true, Instant.parse("2000-01-01T00:00:00Z"),
                    Instant.parse("2001-01-01T00:00:00Z"), List.of(), List.of());
            Map<String, byte[]> withExpiredIntermediate =
                    secretData(certificatesPem(certificate, expiredIntermediate), pkcs8(ec.getPrivate()));

            assertThat(new PemTlsMaterialLoader(fixedClock("2030-02-01T00:00:00Z")).load(withExpiredIntermediate).chain())
                    .containsExactly(certificate, expiredIntermediate);
        }

        private Clock fixedClock(String instant) {
            return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        }
    }

    @Nested
    class MissingData {

        @Test
        void missingCertificate() {
            assertThatThrownBy(() -> LOADER.load(Map.of("tls.key", bytes(pkcs8(ec.getPrivate())), "ca.crt", new byte[1])))
                    .isInstanceOf(InvalidTlsMaterialException.class)
                    .hasMessage("Secret data has no 'tls.crt' (expected: a PEM certificate chain, leaf first; keys present: [ca.crt, tls.key])");
        }

        @Test
        void missingKey() {
            assertThatThrownBy(() -> LOADER.load(Map.of("tls.crt", bytes(certificatesPem(ecCertificate)))))
                    .hasMessage("Secret data has no 'tls.key' (expected: a PEM private key; keys present: [tls.crt])");
        }

        @Test
        void emptyKey() {
            assertThatThrownBy(() -> LOADER.load(Map.of("tls.crt", bytes(certificatesPem(ecCertificate)), "tls.key", new byte[0])))
                    .hasMessage("tls.key: empty (expected: a PEM private key)");
        }
    }

    @Nested
    class Garbage {

        @Test
        void noPemBlockInCertificate() {
            assertThatThrownBy(() -> LOADER.load(secretData("hello, world\n", pkcs8(ec.getPrivate()))))
                    .isInstanceOf(InvalidTlsMaterialException.class)
                    .hasMessage("tls.crt: no PEM block found (expected text with '-----BEGIN ...-----' lines)");
        }

        @Test
        void noPemBlockInKey() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate), "not a key")))
                    .hasMessage("tls.key: no PEM block found (expected text with '-----BEGIN ...-----' lines)");
        }

        @Test
        void doubleBase64EncodedValueIsNamed() {
            String twice = Base64.getEncoder().encodeToString(bytes(certificatesPem(ecCertificate)));

            assertThatThrownBy(() -> LOADER.load(secretData(twice, pkcs8(ec.getPrivate()))))
                    .hasMessageStartingWith("tls.crt: no PEM block found")
                    .hasMessageContaining("looks base64-encoded twice");
        }

        @Test
        void derInsteadOfPemIsNamed() throws Exception {
            Map<String, byte[]> data = Map.of("tls.crt", ecCertificate.getEncoded(), "tls.key", bytes(pkcs8(ec.getPrivate())));

            assertThatThrownBy(() -> LOADER.load(data)).hasMessageContaining("looks like binary DER");
        }

        @Test
        void invalidBase64() {
            String broken = "-----BEGIN CERTIFICATE-----\nMIIB$$$notbase64\n-----END CERTIFICATE-----\n";

            assertThatThrownBy(() -> LOADER.load(secretData(broken, pkcs8(ec.getPrivate()))))
                    .hasMessageStartingWith("tls.crt: PEM block 1 (CERTIFICATE, line 1) has an invalid base64 body");
        }

        @Test
        void missingEndMarker() {
            String truncated = certificatesPem(ecCertificate) + "-----BEGIN CERTIFICATE-----\nMIIB\n";

            assertThatThrownBy(() -> LOADER.load(secretData(truncated, pkcs8(ec.getPrivate()))))
                    .hasMessageMatching("tls\\.crt: '-----BEGIN CERTIFICATE-----' at line \\d+ has no matching '-----END CERTIFICATE-----'");
        }

        @Test
        void pemSquashedOntoOneLine() {
            String oneLine = certificatesPem(ecCertificate).replace("\n", " ");

            assertThatThrownBy(() -> LOADER.load(secretData(oneLine, pkcs8(ec.getPrivate()))))
                    .hasMessageMatching("tls\\.crt: malformed PEM marker at line 1: '-----BEGIN CERTIFICATE----- MII[^']+\\.\\.\\.'"
                            + " \\(expected: '-----BEGIN <TYPE>-----' on a line of its own\\)");
        }

        @Test
        void mismatchedEndMarker() {
            String crossed = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n";

            assertThatThrownBy(() -> LOADER.load(secretData(crossed, pkcs8(ec.getPrivate()))))
                    .hasMessage("tls.crt: '-----BEGIN CERTIFICATE-----' at line 1 is closed by '-----END PRIVATE KEY-----'"
                            + " at line 3 (expected: '-----END CERTIFICATE-----')");
        }

        @Test
        void certificateBlockThatIsNotACertificate() {
            String notACertificate = certificatesPem(ecCertificate) + TestPki.pem("CERTIFICATE", "garbage".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> LOADER.load(secretData(notACertificate, pkcs8(ec.getPrivate()))))
                    .hasMessageStartingWith("tls.crt: PEM block 2 (CERTIFICATE, line ")
                    .hasMessageContaining("is not a valid X.509 certificate");
        }

        @Test
        void keyBlockThatIsNotAKey() {
            String notAKey = TestPki.pem("RSA PRIVATE KEY", "garbage".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(rsaCertificate), notAKey)))
                    .hasMessageStartingWith("tls.key: PEM block 1 (RSA PRIVATE KEY, line 1) is not a valid PKCS#1 RSAPrivateKey");
        }

        @Test
        void keyInTheCertificateData() {
            String both = pkcs8(ec.getPrivate()) + certificatesPem(ecCertificate);

            assertThatThrownBy(() -> LOADER.load(secretData(both, pkcs8(ec.getPrivate()))))
                    .hasMessageStartingWith("tls.crt: PEM block 1 (PRIVATE KEY, line 1) is not a certificate");
        }

        @Test
        void certificateInTheKeyData() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate),
                    pkcs8(ec.getPrivate()) + certificatesPem(ecCertificate))))
                    .hasMessageStartingWith("tls.key: PEM block 2 (CERTIFICATE, line ")
                    .hasMessageContaining("is a certificate");
        }

        @Test
        void twoKeys() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate),
                    pkcs8(ec.getPrivate()) + TestPki.sec1(ec))))
                    .hasMessageStartingWith("tls.key: holds more than one private key");
        }

        @Test
        void unsupportedKeyType() {
            String openssh = TestPki.pem("OPENSSH PRIVATE KEY", "openssh-key-v1".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate), openssh)))
                    .hasMessageStartingWith("tls.key: PEM block 1 (OPENSSH PRIVATE KEY, line 1) is not a supported private key")
                    .hasMessageContaining("'PRIVATE KEY' (PKCS#8");
        }

        @Test
        void sec1KeyWithoutCurve() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate), TestPki.sec1WithoutCurve(ec))))
                    .hasMessage("tls.key: PEM block 1 (EC PRIVATE KEY, line 1) does not name its curve"
                            + " (expected: curve parameters inside the key or in an 'EC PARAMETERS' block before it)");
        }
    }

    @Nested
    class Encrypted {

        @Test
        void encryptedPkcs8IsRejected() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(ecCertificate), TestPki.encryptedPkcs8(ec.getPrivate()))))
                    .isInstanceOf(InvalidTlsMaterialException.class)
                    .hasMessageStartingWith("tls.key: PEM block 1 (ENCRYPTED PRIVATE KEY, line 1) is an encrypted PKCS#8 key;")
                    .hasMessageContaining("Lintel needs an unencrypted key");
        }

        @Test
        void legacyOpensslEncryptionIsRejected() {
            assertThatThrownBy(() -> LOADER.load(secretData(certificatesPem(rsaCertificate), TestPki.legacyEncrypted(rsa.getPrivate()))))
                    .hasMessageStartingWith("tls.key: PEM block 1 (RSA PRIVATE KEY, line 1) is encrypted (Proc-Type: 4,ENCRYPTED)")
                    .hasMessageContaining("Lintel needs an unencrypted key");
        }
    }

    /** The same key, though EC encodings may differ in the optional public key they carry. */
    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        assertThat(actual.getAlgorithm()).isEqualTo(expected.getAlgorithm());
        if (actual instanceof ECPrivateKey ecActual && expected instanceof ECPrivateKey ecExpected) {
            assertThat(ecActual.getS()).isEqualTo(ecExpected.getS());
            assertThat(ecActual.getParams().getCurve()).isEqualTo(ecExpected.getParams().getCurve());
        } else {
            assertThat(actual.getEncoded()).isEqualTo(expected.getEncoded());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
