package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.testing.TestTls;
import io.lintel.spi.tls.TlsMaterial;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SslContextCacheTest {

    private static final TestTls.Pem A = TestTls.selfSigned("a.test");
    private static final TestTls.Pem B = TestTls.selfSigned("b.test");

    @Test
    void usesBoringSslWhenAvailable() {
        assertThat(OpenSsl.isAvailable()).as("tcnative BoringSSL is on core's runtime class path").isTrue();
        assertThat(new SslContextCache().provider()).isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void reusesTheContextOfUnchangedMaterialAndBuildsOneForChangedMaterial() {
        SslContextCache cache = new SslContextCache();

        SslContext first = cache.get(IrCertificate.of("infra/a", A.material()));
        SslContext again = cache.get(IrCertificate.of("infra/a-copy", new TlsMaterial(A.key(), List.of(A.certificate()))));
        SslContext changed = cache.get(IrCertificate.of("infra/a", B.material()));

        assertThat(again).isSameAs(first);
        assertThat(changed).isNotSameAs(first);
        assertThat(first.isServer()).isTrue();
        assertThat(first.applicationProtocolNegotiator().protocols())
                .containsExactly(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    }

    @Test
    void jdkProviderWorksToo() {
        SslContext context = new SslContextCache(SslProvider.JDK).get(IrCertificate.of("infra/a", A.material()));

        assertThat(context.isServer()).isTrue();
    }

    @Test
    void refusedMaterialNamesTheSecret() {
        PrivateKey garbage = new PrivateKey() {
            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "PKCS#8";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[] {1, 2, 3};
            }
        };
        IrCertificate refused = IrCertificate.of("infra/refused", new TlsMaterial(garbage, List.of(A.certificate())));

        assertThatThrownBy(() -> new SslContextCache().get(refused))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Secret infra/refused: ");
    }

    @Test
    void fingerprintsDifferWithTheKeyAndStayOutOfToString() {
        IrCertificate a = IrCertificate.of("infra/a", A.material());
        IrCertificate mismatched = IrCertificate.of("infra/a", new TlsMaterial(B.key(), List.of(A.certificate())));

        assertThat(a.fingerprint()).startsWith("sha256:").isNotEqualTo(mismatched.fingerprint());
        assertThat(a.toString()).isEqualTo("IrCertificate[secret=infra/a, fingerprint=" + a.fingerprint() + "]");
    }

    @Test
    void contextsForRelaysOfferNoAlpn() {
        SslContextCache cache = new SslContextCache();
        IrCertificate certificate = IrCertificate.of("infra/a", A.material());

        SslContext http = cache.get(certificate, Optional.empty());
        SslContext relay = cache.getForRelay(certificate, Optional.empty());

        assertThat(relay).isNotSameAs(http).isSameAs(cache.getForRelay(certificate, Optional.empty()));
        assertThat(http.applicationProtocolNegotiator().protocols()).containsExactly("h2", "http/1.1");
        assertThat(relay.applicationProtocolNegotiator().protocols()).isEmpty();
    }
}
