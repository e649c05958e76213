package io.lintel.core.route;

import io.lintel.core.ir.IrTlsOptions;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * Puts validated TLS options ({@code lintel.io/min-tls-version}, {@code lintel.io/cipher-suites}) on a context
 * builder, the same way for listeners (server side) and BackendTLSPolicies (client side), so one key never means two
 * things.
 */
final class TlsOptionsApplied {

    private static final String[] TLS13_ONLY = {"TLSv1.3"};
    private static final String[] TLS12_AND_13 = {"TLSv1.3", "TLSv1.2"};

    private TlsOptionsApplied() {}

    /** The protocol versions allowed by the minimum version, when the options set one. */
    static void minimumVersion(SslContextBuilder builder, IrTlsOptions options) {
        options.minimumVersion().ifPresent(minimum ->
                builder.protocols(minimum.equals("TLSv1.3") ? TLS13_ONLY : TLS12_AND_13));
    }

    /**
     * A client context (to a backend): the minimum version, and the cipher suites offered when listed (otherwise the
     * provider's defaults, which a server context does not use: see {@link SslContextCache}).
     */
    static void toClient(SslContextBuilder builder, IrTlsOptions options) {
        minimumVersion(builder, options);
        if (!options.cipherSuites().isEmpty()) {
            builder.ciphers(options.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
        }
    }
}
