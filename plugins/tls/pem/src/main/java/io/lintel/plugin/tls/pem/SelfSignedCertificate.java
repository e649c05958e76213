package io.lintel.plugin.tls.pem;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * A generated private key and its self-signed certificate, see {@link SelfSignedCertificates}.
 *
 * @param privateKey a JDK private key (EC or RSA)
 * @param certificate the self-signed certificate for its public key
 */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {

    public SelfSignedCertificate {
        requireNonNull(privateKey, "privateKey");
        requireNonNull(certificate, "certificate");
    }

    /** The certificate as a PEM {@code CERTIFICATE} block: the content of {@code tls.crt}. */
    public String certificatePem() {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The key as an unencrypted PKCS#8 {@code PRIVATE KEY} block: the content of {@code tls.key}. */
    public String privateKeyPem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    /** A {@code kubernetes.io/tls} Secret holding this key and certificate, as a YAML document. */
    public String tlsSecretYaml(String name, String namespace) {
        return TlsSecretYaml.render(name, namespace, certificatePem(), privateKeyPem());
    }
}
