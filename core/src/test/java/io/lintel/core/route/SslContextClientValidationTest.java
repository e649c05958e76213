package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrClientValidation;
import io.lintel.core.ir.IrTls;
import io.lintel.core.testing.TestTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TLS context cache keys contexts by client certificate validation too: mode and trust anchors. */
class SslContextClientValidationTest {

    private static final TestTls.Pem SERVER = TestTls.selfSigned("a.test");
    private static final TestTls.Pem CA_1 = TestTls.selfSigned("ca-1");
    private static final TestTls.Pem CA_2 = TestTls.selfSigned("ca-2");

    private static IrTls tls(IrClientValidation.Mode mode, TestTls.Pem... anchors) {
        Optional<IrClientValidation> validation = mode == null ? Optional.empty() : Optional.of(IrClientValidation.of(
                mode, List.of("ConfigMap infra/ca"), java.util.Arrays.stream(anchors).map(TestTls.Pem::certificate).toList()));
        return new IrTls(List.of(IrCertificate.of("infra/a", SERVER.material())), Optional.empty(), validation);
    }

    @Test
    void equalValidationSharesAContextAndAnyDifferenceGetsItsOwn() {
        SslContextCache cache = new SslContextCache();

        SslContext none = cache.get(tls(null));
        SslContext required = cache.get(tls(IrClientValidation.Mode.AllowValidOnly, CA_1));
        SslContext requiredAgain = cache.get(tls(IrClientValidation.Mode.AllowValidOnly, CA_1));
        SslContext otherAnchors = cache.get(tls(IrClientValidation.Mode.AllowValidOnly, CA_2));
        SslContext bothAnchors = cache.get(tls(IrClientValidation.Mode.AllowValidOnly, CA_1, CA_2));
        SslContext fallback = cache.get(tls(IrClientValidation.Mode.AllowInsecureFallback, CA_1));

        assertThat(requiredAgain).isSameAs(required);
        assertThat(List.of(none, required, otherAnchors, bothAnchors, fallback)).doesNotHaveDuplicates();
        assertThat(none).isSameAs(cache.get(IrCertificate.of("infra/a", SERVER.material())));
    }

    @Test
    void bothModesBuildWithTheJdkProviderToo() {
        SslContextCache cache = new SslContextCache(SslProvider.JDK);

        assertThat(cache.get(tls(IrClientValidation.Mode.AllowValidOnly, CA_1)).isServer()).isTrue();
        assertThat(cache.get(tls(IrClientValidation.Mode.AllowInsecureFallback, CA_1)).isServer()).isTrue();
    }

    @Test
    void fingerprintNamesTheAnchorsInOrderAndToStringLeavesThemOut() {
        IrClientValidation oneTwo = IrClientValidation.of(IrClientValidation.Mode.AllowValidOnly, List.of("x"),
                List.of(CA_1.certificate(), CA_2.certificate()));
        IrClientValidation twoOne = IrClientValidation.of(IrClientValidation.Mode.AllowValidOnly, List.of("x"),
                List.of(CA_2.certificate(), CA_1.certificate()));

        assertThat(oneTwo.fingerprint()).startsWith("sha256:").isNotEqualTo(twoOne.fingerprint());
        assertThat(oneTwo.toString()).contains(oneTwo.fingerprint()).doesNotContain("BEGIN");
    }
}
