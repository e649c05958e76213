package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrClientValidation;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrTls;
import io.lintel.core.testing.TestTls;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Client certificate validation (GEP-91) on the wire: a real JDK TLS client (HTTP/1.1) against an HTTPS listener
 * with and without a client certificate, one the listener's anchors trust and one they do not, in both modes. The
 * client records whether the server asked for a certificate.
 */
@ExtendWith(NettyLeakDetection.class)
class HttpsClientCertificateTest {

    static final TestTls.Pem SERVER = TestTls.selfSigned("localhost");
    /** Self-signed client certificates: TRUSTED is the listener's anchor, so it verifies as a chain of its own. */
    static final TestTls.Pem TRUSTED = TestTls.selfSigned("trusted-client");
    private static final TestTls.Pem STRANGER = TestTls.selfSigned("stranger");

    private LoopbackDataPlane dataPlane;
    private TestBackend backend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start();
        port = dataPlane.port();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    private void serve(Optional<IrClientValidation> validation) {
        IrCertificate certificate = IrCertificate.of("infra/localhost", SERVER.material());
        IrListener listener = new IrListener("https", "*",
                List.of(vhost("*", prefix("/", rule("rule-https", backend("a", 1, backend.port()))))),
                Optional.of(new IrTls(List.of(certificate), Optional.empty(), validation)));
        dataPlane.serve(IrProtocol.HTTPS, listener);
    }

    private static Optional<IrClientValidation> validation(IrClientValidation.Mode mode) {
        return Optional.of(IrClientValidation.of(mode, List.of("ConfigMap infra/ca"), List.of(TRUSTED.certificate())));
    }

    /** One GET over a new connection presenting {@code certificate} (null: none); returns "status body". */
    private String get(TestTls.Pem certificate, AtomicBoolean asked) throws Exception {
        try (TlsClient client = new TlsClient(port, "localhost", clientContext(certificate, asked))) {
            return client.get("localhost", "/");
        }
    }

    @Test
    void allowValidOnlyServesAClientWithATrustedCertificate() throws Exception {
        serve(validation(IrClientValidation.Mode.AllowValidOnly));
        AtomicBoolean asked = new AtomicBoolean();

        assertThat(get(TRUSTED, asked)).startsWith("200 ");
        assertThat(asked).isTrue();
    }

    @Test
    void allowValidOnlyRefusesAClientWithoutACertificate() throws Exception {
        serve(validation(IrClientValidation.Mode.AllowValidOnly));
        AtomicBoolean asked = new AtomicBoolean();

        // TLS 1.3: the refusal may only surface when the client reads, after its side of the handshake is done
        assertThatThrownBy(() -> get(null, asked)).isInstanceOf(IOException.class);
        assertThat(asked).isTrue();
    }

    @Test
    void allowValidOnlyRefusesACertificateTheAnchorsDoNotTrust() throws Exception {
        serve(validation(IrClientValidation.Mode.AllowValidOnly));

        assertThatThrownBy(() -> get(STRANGER, new AtomicBoolean())).isInstanceOf(IOException.class);
    }

    @Test
    void allowInsecureFallbackAsksForACertificateButServesEveryClient() throws Exception {
        serve(validation(IrClientValidation.Mode.AllowInsecureFallback));
        AtomicBoolean askedTrusted = new AtomicBoolean();
        AtomicBoolean askedStranger = new AtomicBoolean();
        AtomicBoolean askedNone = new AtomicBoolean();

        assertThat(get(TRUSTED, askedTrusted)).startsWith("200 ");
        assertThat(get(STRANGER, askedStranger)).startsWith("200 ");
        assertThat(get(null, askedNone)).startsWith("200 ");
        assertThat(List.of(askedTrusted.get(), askedStranger.get(), askedNone.get())).containsOnly(true);
    }

    @Test
    void withoutValidationNoCertificateIsAskedFor() throws Exception {
        serve(Optional.empty());
        AtomicBoolean asked = new AtomicBoolean();

        assertThat(get(TRUSTED, asked)).startsWith("200 ");
        assertThat(asked).isFalse();
    }

    /** A client context trusting {@link #SERVER} and presenting {@code certificate}; notes when the server asks. */
    static SSLContext clientContext(TestTls.Pem certificate, AtomicBoolean asked)
            throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", SERVER.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        if (certificate != null) {
            keys.setKeyEntry("client", certificate.key(), new char[0], new X509Certificate[] {certificate.certificate()});
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        X509ExtendedKeyManager delegate = null;
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) {
                delegate = x509;
            }
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new AskRecordingKeyManager(delegate, asked)}, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Presents the one key entry whatever CAs the server names (as Go's and OpenSSL's clients with one certificate
     * do), and records that the server asked (it only asks with a CertificateRequest).
     */
    private static final class AskRecordingKeyManager extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager delegate;
        private final AtomicBoolean asked;

        AskRecordingKeyManager(X509ExtendedKeyManager delegate, AtomicBoolean asked) {
            this.delegate = delegate;
            this.asked = asked;
        }

        private String alias() {
            asked.set(true);
            return delegate.getCertificateChain("client") == null ? null : "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
