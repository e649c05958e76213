package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrTlsOptions;
import io.lintel.core.testing.TestTls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tls.options} reach the engines of both providers, and contexts are cached per certificate and options. */
class SslContextOptionsTest {

    private static final IrCertificate CERTIFICATE = IrCertificate.of("infra/a", TestTls.selfSigned("a.test").material());

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void minimumVersionAndCipherSuitesApplyToTheEngine(SslProvider provider) {
        SslContextCache cache = new SslContextCache(provider);
        Optional<IrTlsOptions> options = Optional.of(new IrTlsOptions(Optional.of("TLSv1.3"),
                List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")));

        SslContext context = cache.get(CERTIFICATE, options);
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        try {
            // BoringSSL lists the SSLv2Hello pseudo-protocol (a hello format, not a version) as always enabled.
            assertThat(engine.getEnabledProtocols()).filteredOn(protocol -> !protocol.equals("SSLv2Hello"))
                    .containsExactly("TLSv1.3");
            assertThat(engine.getEnabledCipherSuites()).contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")
                    .doesNotContain("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        } finally {
            ReferenceCountUtil.release(engine);
        }
        assertThat(cache.get(CERTIFICATE, options)).isSameAs(context);
        assertThat(cache.get(CERTIFICATE)).isNotSameAs(context);
        assertThat(cache.get(CERTIFICATE, Optional.of(new IrTlsOptions(Optional.of("TLSv1.2"), List.of()))))
                .isNotSameAs(context).isNotSameAs(cache.get(CERTIFICATE));
    }
}
