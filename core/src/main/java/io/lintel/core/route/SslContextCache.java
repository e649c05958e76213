package io.lintel.core.route;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrClientValidation;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrTlsOptions;
import io.lintel.spi.tls.TlsMaterial;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Server {@link SslContext}s for listener certificates, cached by the material's fingerprint (with the listener's
 * {@code tls.options} and client certificate validation, when it has them): an unchanged Secret
 * keeps its context across reloads, a changed one gets a new context (used by new connections; established ones keep
 * theirs). Contexts offer ALPN {@code h2} and {@code http/1.1} (except those for relays) and use BoringSSL when it is available (the JDK
 * provider otherwise). Building a context parses the key: call from the control thread, never from an event loop.
 */
public final class SslContextCache {

    /** Bounds memory when Secrets churn; a context still in use stays reachable from its table. */
    private static final int MAXIMUM_SIZE = 1_000;

    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            // the only behaviours both the JDK and BoringSSL providers support
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    private final Cache<String, SslContext> contexts = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();
    /** Null until the first context is built, when no provider was given. */
    private volatile SslProvider provider;

    /**
     * Uses BoringSSL (tcnative) when it is on the class path and loads, the JDK provider otherwise. The probe (which
     * extracts and loads the native library, ~0.1-0.3 s) runs when the first context is built, not at start-up: a
     * configuration without TLS never pays for it.
     */
    public SslContextCache() {
        this.provider = null;
    }

    public SslContextCache(SslProvider provider) {
        this.provider = provider;
    }

    public SslProvider provider() {
        SslProvider chosen = provider;
        if (chosen == null) {
            chosen = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            provider = chosen;
        }
        return chosen;
    }

    /**
     * The context presenting this certificate.
     *
     * @throws IllegalArgumentException when the provider refuses the material (the message says why)
     */
    public SslContext get(IrCertificate certificate) {
        return get(certificate, Optional.empty());
    }

    /**
     * The context presenting this certificate with a listener's {@code tls.options} (minimum version, cipher suites)
     * applied; equal certificates with equal options share a context.
     *
     * @throws IllegalArgumentException when the provider refuses the material or the options (the message says why)
     */
    public SslContext get(IrCertificate certificate, Optional<IrTlsOptions> options) {
        return get(certificate, options, Optional.empty());
    }

    /**
     * The context of an HTTPS listener: its first certificate, its {@code tls.options}, and the client certificate
     * validation of its port. Equal material, options and validation (mode and trust anchors) share a context.
     *
     * @throws IllegalArgumentException when the provider refuses the material or the options (the message says why)
     */
    public SslContext get(IrTls tls) {
        return get(tls.certificates().get(0), tls.options(), tls.clientValidation());
    }

    /**
     * As {@link #get(IrCertificate, Optional)}, asking clients for a certificate when {@code validation} is present.
     *
     * @throws IllegalArgumentException when the provider refuses the material or the options (the message says why)
     */
    public SslContext get(IrCertificate certificate, Optional<IrTlsOptions> options,
            Optional<IrClientValidation> validation) {
        StringBuilder key = new StringBuilder(certificate.fingerprint());
        options.ifPresent(o -> key.append(' ').append(o));
        validation.ifPresent(v -> key.append(" client ").append(v.mode()).append(' ').append(v.fingerprint()));
        return contexts.get(key.toString(), ignored -> build(certificate, options, validation, true));
    }

    /**
     * As {@link #get(IrCertificate, Optional)}, without ALPN: for TLS listeners in Terminate mode, which relay the
     * decrypted bytes to a backend that speaks whatever it speaks, so the gateway must not agree to h2 or http/1.1.
     *
     * @throws IllegalArgumentException when the provider refuses the material or the options (the message says why)
     */
    public SslContext getForRelay(IrCertificate certificate, Optional<IrTlsOptions> options) {
        String key = "relay " + certificate.fingerprint() + options.map(o -> " " + o).orElse("");
        return contexts.get(key, ignored -> build(certificate, options, Optional.empty(), false));
    }

    private SslContext build(IrCertificate certificate, Optional<IrTlsOptions> options,
            Optional<IrClientValidation> validation, boolean alpn) {
        TlsMaterial material = certificate.material();
        List<String> ciphers = options.map(IrTlsOptions::cipherSuites).filter(list -> !list.isEmpty())
                // HTTP/2 forbids the weaker TLS 1.2 suites (RFC 7540, 9.2.2); the rest is fine for HTTP/1.1 too
                .orElse(Http2SecurityUtil.CIPHERS);
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(material.privateKey(), material.chain().toArray(X509Certificate[]::new))
                    .sslProvider(provider())
                    .ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(alpn ? ALPN : ApplicationProtocolConfig.DISABLED);
            validation.ifPresent(v -> ClientCertificateTrust.configure(builder, v));
            options.ifPresent(o -> TlsOptionsApplied.minimumVersion(builder, o));
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("Secret " + certificate.secret() + ": " + provider()
                    + " cannot use its certificate and key: " + e.getMessage(), e);
        }
    }
}
