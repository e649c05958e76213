package io.lintel.core.route;

import io.lintel.core.ir.IrClientValidation;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a server {@link SslContextBuilder} ask for client certificates as an {@link IrClientValidation} says:
 * {@code AllowValidOnly} requires one that chains to the anchors (the handshake fails otherwise);
 * {@code AllowInsecureFallback} asks for one, checks it against the anchors, and lets the connection in whatever the
 * outcome (GEP-91: authorisation is then the backend's business), logging at debug why a certificate did not verify.
 */
final class ClientCertificateTrust {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateTrust.class);

    private ClientCertificateTrust() {}

    static void configure(SslContextBuilder builder, IrClientValidation validation) {
        X509Certificate[] anchors = validation.certificates().toArray(X509Certificate[]::new);
        if (validation.mode() == IrClientValidation.Mode.AllowValidOnly) {
            builder.clientAuth(ClientAuth.REQUIRE).trustManager(anchors);
            return;
        }
        builder.clientAuth(ClientAuth.OPTIONAL).trustManager(new Lenient(verifier(validation.certificates())));
    }

    private static X509TrustManager verifier(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the default TrustManagerFactory made no X509TrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("client certificate anchors " + anchors.size()
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Verifies client chains for the log, never refuses one; only client certificates are checked here. */
    private static final class Lenient extends X509ExtendedTrustManager {

        private final X509TrustManager verifier;

        Lenient(X509TrustManager verifier) {
            this.verifier = verifier;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            try {
                verifier.checkClientTrusted(chain, authType);
            } catch (CertificateException | RuntimeException e) {
                LOG.debug("client certificate {} does not verify, let in (AllowInsecureFallback): {}",
                        chain.length == 0 ? "(none)" : chain[0].getSubjectX500Principal(), e.toString());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a listener's trust manager checks clients only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return verifier.getAcceptedIssuers();
        }
    }
}
