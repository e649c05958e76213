package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.IrSubjectAltName;
import io.lintel.core.testing.TestCertificateAuthority;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

class BackendIdentityTrustManagerTest {

    private static final TestCertificateAuthority CA = new TestCertificateAuthority("ca");
    private static final X509Certificate LEAF = CA.issue(List.of("backend.test", "*.wild.test"),
            List.of("spiffe://cluster.test/backend")).certificate();

    private static BackendIdentityTrustManager manager(String hostname, IrSubjectAltName... sans) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return new BackendIdentityTrustManager((X509ExtendedTrustManager) factory.getTrustManagers()[0], hostname,
                List.of(sans));
    }

    @Test
    void wildcardsCoverExactlyOneLabel() {
        assertThat(BackendIdentityTrustManager.dnsMatches("*.wild.test", "a.wild.test")).isTrue();
        assertThat(BackendIdentityTrustManager.dnsMatches("*.wild.test", "a.b.wild.test")).isFalse();
        assertThat(BackendIdentityTrustManager.dnsMatches("*.wild.test", "wild.test")).isFalse();
        assertThat(BackendIdentityTrustManager.dnsMatches("Backend.Test.", "backend.test")).isTrue();
    }

    @Test
    void withoutSubjectAltNamesTheHostnameMustMatch() throws Exception {
        manager("backend.test").checkServerTrusted(new X509Certificate[] {LEAF}, "ECDHE_ECDSA");
        manager("x.wild.test").checkServerTrusted(new X509Certificate[] {LEAF}, "ECDHE_ECDSA");
        assertThatThrownBy(() -> manager("other.test").checkServerTrusted(new X509Certificate[] {LEAF}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("other.test");
    }

    @Test
    void subjectAltNamesReplaceTheHostname() throws Exception {
        manager("unrelated.test", new IrSubjectAltName(IrSubjectAltName.Type.URI, "spiffe://cluster.test/backend"))
                .checkServerTrusted(new X509Certificate[] {LEAF}, "ECDHE_ECDSA");
        assertThatThrownBy(() -> manager("backend.test",
                new IrSubjectAltName(IrSubjectAltName.Type.URI, "spiffe://cluster.test/other"),
                new IrSubjectAltName(IrSubjectAltName.Type.HOSTNAME, "other.test"))
                .checkServerTrusted(new X509Certificate[] {LEAF}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("none of the subjectAltNames");
    }

    @Test
    void aCertificateFromAnotherCaIsRejectedBeforeItsNamesAreLookedAt() {
        X509Certificate stranger = new TestCertificateAuthority("other").issue(List.of("backend.test"), List.of())
                .certificate();
        assertThatThrownBy(() -> manager("backend.test").checkServerTrusted(new X509Certificate[] {stranger},
                "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
    }

    @Test
    void endpointsWithDifferentTlsSetupsAreDifferentPoolKeys() throws Exception {
        BackendTlsContexts contexts = new BackendTlsContexts();
        io.lintel.core.ir.IrBackendTls settings = new io.lintel.core.ir.IrBackendTls("ns/p", "backend.test", List.of(),
                false, List.of("ns/ConfigMap/ca"), "sha256:1", List.of(CA.certificate()), java.util.Optional.empty(),
                java.util.Optional.empty());
        BackendTls tls = contexts.get(settings);

        assertThat(contexts.get(settings)).isSameAs(tls);
        assertThat(new BackendEndpoint("127.0.0.1", 443, "", tls)).isEqualTo(new BackendEndpoint("127.0.0.1", 443, "", tls))
                .isNotEqualTo(new BackendEndpoint("127.0.0.1", 443, ""));
    }
}
