package io.lintel.plugin.policy.backendtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.policy.BackendTlsPolicyDescription;
import io.lintel.spi.policy.BackendTlsTarget;
import io.lintel.spi.policy.CaCertificateRef;
import io.lintel.spi.policy.SubjectAltName;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The plugin as core finds it, and what it tells core of a valid BackendTLSPolicy. */
class BackendTlsPolicyReaderTest {

    private final BackendTlsPolicyReader reader = new BackendTlsPolicyReader();

    @Test
    void theServiceLoaderFindsThePluginWithTheKindAndItsFeatures() {
        LintelPlugin plugin = ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("policy-backend-tls")).findFirst().orElseThrow();

        assertThat(plugin.backendTlsPolicyKinds(null)).singleElement().satisfies(kind -> {
            assertThat(kind.kind().toString()).isEqualTo("gateway.networking.k8s.io/BackendTLSPolicy");
            assertThat(kind.kind().versions()).containsExactly("v1", "v1alpha3");
            assertThat(kind.features()).containsExactlyInAnyOrder(GatewayFeature.BackendTLSPolicy,
                    GatewayFeature.BackendTLSPolicySANValidation);
        });
    }

    @Test
    void describesTheServiceTargetsTheValidationAndTheOptions() {
        KubernetesDocument document = document("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  targetRefs:
                    - {group: '', kind: Service, name: whole}
                    - {group: '', kind: Service, name: one-port, sectionName: https}
                    - {group: example.io, kind: Backend, name: theirs}
                  validation:
                    hostname: backend.example.test
                    caCertificateRefs:
                      - {group: '', kind: ConfigMap, name: ca}
                      - {group: '', kind: Secret, name: other-ca}
                    subjectAltNames:
                      - {type: Hostname, hostname: '*.example.test'}
                      - {type: URI, uri: 'spiffe://td/ns/a/sa/b'}
                  options:
                    lintel.io/min-tls-version: "1.3"
                """);
        assertThat(reader.validate(document)).isEmpty();

        BackendTlsPolicyDescription description = reader.describe(document);

        assertThat(description.targets()).as("core Services only").containsExactly(
                new BackendTlsTarget("whole", ""), new BackendTlsTarget("one-port", "https"));
        assertThat(description.validation().hostname()).isEqualTo("backend.example.test");
        assertThat(description.validation().systemTrust()).isFalse();
        assertThat(description.validation().caCertificateRefs()).containsExactly(
                new CaCertificateRef("", "ConfigMap", "ca", "spec.validation.caCertificateRefs[0]"),
                new CaCertificateRef("", "Secret", "other-ca", "spec.validation.caCertificateRefs[1]"));
        assertThat(description.validation().subjectAltNames()).containsExactly(
                new SubjectAltName(SubjectAltName.Type.HOSTNAME, "*.example.test"),
                new SubjectAltName(SubjectAltName.Type.URI, "spiffe://td/ns/a/sa/b"));
        assertThat(description.options()).containsExactly(Map.entry("lintel.io/min-tls-version", "1.3"));
        assertThat(description.optionsPath()).isEqualTo("spec.options");
    }

    @Test
    void systemTrustHasNoReferences() {
        BackendTlsPolicyDescription description = reader.describe(document("""
                apiVersion: gateway.networking.k8s.io/v1alpha3
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  targetRefs: [{group: '', kind: Service, name: svc}]
                  validation: {hostname: svc.example.test, wellKnownCACertificates: System}
                """));

        assertThat(description.validation().systemTrust()).isTrue();
        assertThat(description.validation().caCertificateRefs()).isEmpty();
        assertThat(description.options()).isEmpty();
    }

    @Test
    void anUnknownFieldIsReportedAsCoreReportsOneOfItsOwnKinds() {
        KubernetesDocument document = document("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  targetRefs: [{group: '', kind: Service, name: svc}]
                  validation: {hostname: svc.example.test, wellKnownCACertificates: System, hostnme: typo}
                """);

        assertThat(reader.validate(document)).singleElement().satisfies(violation -> {
            assertThat(violation.fieldPath()).isEqualTo("spec.validation.hostnme");
            assertThat(violation.message()).isEqualTo(
                    "unknown field \"hostnme\" (not part of BackendTLSPolicy gateway.networking.k8s.io/v1)");
        });
    }

    @SuppressWarnings("unchecked")
    private static KubernetesDocument document(String yaml) {
        Map<String, Object> content = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return new KubernetesDocument(new ResourceKey("gateway.networking.k8s.io", "BackendTLSPolicy", "ns", "p"),
                (String) content.get("apiVersion"), content, new SourceLocation("test.yaml", 1));
    }
}
