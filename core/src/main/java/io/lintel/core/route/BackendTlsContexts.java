package io.lintel.core.route;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrCertificate;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client TLS setups for backends, cached by {@link IrBackendTls#contextKey()}: unchanged settings keep their context
 * across reloads. The trust anchors are the policy's CA certificates or the JDK's default trust store; the backend's
 * identity is checked by {@link BackendIdentityTrustManager} (subjectAltNames, else the hostname). ALPN offers
 * {@code http/1.1} only: the protocol spoken is the one the Service port's {@code appProtocol} chose, not one the
 * backend picks. Building parses keys and trust stores: call on the control thread, never on an event loop.
 */
public final class BackendTlsContexts {

    private static final int MAXIMUM_SIZE = 1_000;

    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    private final Cache<String, BackendTls> contexts = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();
    /** Null until the first context is built, when no provider was given. */
    private volatile SslProvider provider;

    /**
     * BoringSSL when it loads, the JDK provider otherwise; probed when the first context is built (as
     * {@link SslContextCache} does), so that a configuration without backend TLS never loads the native library.
     */
    public BackendTlsContexts() {
        this.provider = null;
    }

    public BackendTlsContexts(SslProvider provider) {
        this.provider = provider;
    }

    private SslProvider provider() {
        SslProvider chosen = provider;
        if (chosen == null) {
            chosen = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            provider = chosen;
        }
        return chosen;
    }

    /**
     * The setup for these settings.
     *
     * @throws IllegalArgumentException when the TLS provider refuses the material (the message says why)
     */
    public BackendTls get(IrBackendTls settings) {
        return contexts.get(settings.contextKey(), key -> build(key, settings));
    }

    private BackendTls build(String key, IrBackendTls settings) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(provider())
                    .trustManager(trustManager(settings))
                    // the identity check is BackendIdentityTrustManager's: SANs may replace the hostname
                    .endpointIdentificationAlgorithm(null)
                    .applicationProtocolConfig(ALPN);
            settings.options().ifPresent(options -> TlsOptionsApplied.toClient(builder, options));
            if (settings.clientCertificate().isPresent()) {
                IrCertificate certificate = settings.clientCertificate().get();
                builder.keyManager(certificate.material().privateKey(),
                        certificate.material().chain().toArray(X509Certificate[]::new));
            }
            return new BackendTls(key, builder.build(), settings.hostname(), describe(settings));
        } catch (SSLException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("backend TLS " + describe(settings) + ": " + provider()
                    + " cannot use these settings: " + e.getMessage(), e);
        }
    }

    private static TrustManager trustManager(IrBackendTls settings) throws GeneralSecurityException {
        KeyStore anchors = null;
        if (!settings.systemTrust()) {
            anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                anchors.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("empty key store cannot be made", e);
            }
            int i = 0;
            for (X509Certificate certificate : settings.caCertificates()) {
                anchors.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors); // null: the JDK's default trust store
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return new BackendIdentityTrustManager(x509, settings.hostname(), settings.subjectAltNames());
            }
        }
        throw new GeneralSecurityException("the default TrustManagerFactory made no X509ExtendedTrustManager");
    }

    private static String describe(IrBackendTls settings) {
        return (settings.policy().isEmpty() ? "" : "of BackendTLSPolicy " + settings.policy() + " ")
                + "(hostname " + settings.hostname()
                + (settings.subjectAltNames().isEmpty() ? "" : ", subjectAltNames " + settings.subjectAltNames()) + ")";
    }
}
