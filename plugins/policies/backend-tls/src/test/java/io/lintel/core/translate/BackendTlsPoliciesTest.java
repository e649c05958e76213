package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrTlsOptions;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.testing.TestCertificateAuthority;
import io.lintel.core.translate.decode.DocumentDecoder;
import io.lintel.core.translate.validate.ResourceValidator;
import io.lintel.plugin.policy.backendtls.BackendTlsPolicyPlugin;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

/**
 * Matching BackendTLSPolicies to Service ports, conflict resolution, and the validation of their CA references: core's
 * work on what the plugin describes. In core's package, to see its package-private state; here, because core's own
 * tests cannot load the plugin that reads the kind.
 */
class BackendTlsPoliciesTest {

    private static final String CA_PEM = pem(new TestCertificateAuthority("ca").certificate());

    private static BackendTlsPolicies policies(String yaml) {
        ResourceIndex index = ResourceIndex.of(Snapshot.of(GoldenFiles.documents("test.yaml", yaml)),
                new DocumentDecoder(List.of(), new BackendTlsPolicyPlugin().backendTlsPolicyKinds(null)),
                new ResourceValidator());
        assertThat(index.problems).isEmpty();
        return BackendTlsPolicies.of(index, Instant.now());
    }

    private static String policy(String name, String created, String target, String validation) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: %s, namespace: ns, creationTimestamp: "%s"}
                spec:
                  targetRefs: [%s]
                  validation: %s
                """.formatted(name, created, target, validation);
    }

    private static String system(String hostname) {
        return "{wellKnownCACertificates: System, hostname: " + hostname + "}";
    }

    private static BackendTlsPolicies.PolicyState state(BackendTlsPolicies policies, String name) {
        return policies.policies().stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }

    private static String hostname(BackendTlsPolicies policies, String service, String port) {
        return policies.forPort(service, port).flatMap(BackendTlsPolicies.Applied::tls).map(IrBackendTls::hostname)
                .orElse(null);
    }

    @Test
    void aPortSpecificPolicyTakesPrecedenceOverOneForTheWholeService() {
        BackendTlsPolicies policies = policies(
                policy("whole", "2024-01-01T00:00:00Z", "{group: '', kind: Service, name: svc}", system("whole.test"))
                + policy("port", "2024-02-01T00:00:00Z", "{group: '', kind: Service, name: svc, sectionName: https}",
                        system("port.test")));

        assertThat(hostname(policies, "ns/svc", "https")).isEqualTo("port.test");
        assertThat(hostname(policies, "ns/svc", "other")).isEqualTo("whole.test");
        assertThat(hostname(policies, "ns/svc", "")).isEqualTo("whole.test");
        assertThat(policies.forPort("ns/other", "https")).isEmpty();
        assertThat(state(policies, "whole").accepted).isTrue();
        assertThat(state(policies, "port").accepted).isTrue();
    }

    @Test
    void theOldestPolicyWinsAConflictThenTheName() {
        String target = "{group: '', kind: Service, name: svc}";
        BackendTlsPolicies policies = policies(
                policy("b-old", "2024-01-01T00:00:00Z", target, system("b-old.test"))
                + policy("a-new", "2024-06-01T00:00:00Z", target, system("a-new.test"))
                + policy("a-old", "2024-01-01T00:00:00Z", target, system("a-old.test")));

        assertThat(hostname(policies, "ns/svc", "")).isEqualTo("a-old.test");
        assertThat(state(policies, "a-old").accepted).isTrue();
        assertThat(state(policies, "b-old").acceptedReason).isEqualTo("Conflicted");
        assertThat(state(policies, "a-new").acceptedReason).isEqualTo("Conflicted");
        assertThat(state(policies, "a-new").acceptedMessage).contains("ns/a-old");
    }

    @Test
    void readsCaCertificatesFromConfigMapsAndSecrets() {
        String indented = CA_PEM.indent(6);
        BackendTlsPolicies policies = policies("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ca-map, namespace: ns}
                data:
                  ca.crt: |
                %s---
                apiVersion: v1
                kind: Secret
                metadata: {name: ca-secret, namespace: ns}
                data:
                  ca.crt: %s
                """.formatted(indented, Base64.getEncoder().encodeToString(CA_PEM.getBytes()))
                + policy("p", "2024-01-01T00:00:00Z", "{group: '', kind: Service, name: svc}",
                        "{hostname: svc.test, caCertificateRefs: [{group: '', kind: ConfigMap, name: ca-map},"
                        + " {group: '', kind: Secret, name: ca-secret}]}"));

        IrBackendTls tls = policies.forPort("ns/svc", "").flatMap(BackendTlsPolicies.Applied::tls).orElseThrow();
        assertThat(tls.caCertificates()).hasSize(2);
        assertThat(tls.caSources()).containsExactly("ns/ConfigMap/ca-map", "ns/Secret/ca-secret");
        assertThat(tls.caFingerprint()).startsWith("sha256:");
        assertThat(state(policies, "p").resolvedRefs).isTrue();
    }

    @Test
    void unparsablePemMakesThePolicyUnusableAndItsBackendsFail() {
        BackendTlsPolicies policies = policies("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: garbage, namespace: ns}
                data:
                  ca.crt: "-----BEGIN CERTIFICATE-----\\nnot base64 at all\\n-----END CERTIFICATE-----\\n"
                """ + policy("p", "2024-01-01T00:00:00Z", "{group: '', kind: Service, name: svc}",
                "{hostname: svc.test, caCertificateRefs: [{group: '', kind: ConfigMap, name: garbage}]}"));

        BackendTlsPolicies.PolicyState state = state(policies, "p");
        assertThat(state.accepted).isFalse();
        assertThat(state.acceptedReason).isEqualTo("NoValidCACertificate");
        assertThat(state.resolvedRefsReason).isEqualTo("InvalidCACertificateRef");
        assertThat(state.resolvedRefsMessage).contains("ConfigMap ns/garbage");
        BackendTlsPolicies.Applied applied = policies.forPort("ns/svc", "").orElseThrow();
        assertThat(applied.tls()).isEmpty();
        assertThat(applied.failure()).isPresent();
    }

    @Test
    void caCertificateRefsAndWellKnownCertificatesAreMutuallyExclusive() {
        // The CRD's CEL rule refuses such a policy, as the API server would: it is reported and not used.
        ResourceIndex index = ResourceIndex.of(Snapshot.of(GoldenFiles.documents("test.yaml", policy("p",
                "2024-01-01T00:00:00Z", "{group: '', kind: Service, name: svc}", "{hostname: svc.test,"
                        + " wellKnownCACertificates: System, caCertificateRefs: [{group: '', kind: ConfigMap, name: ca}]}"))),
                new DocumentDecoder(List.of(), new BackendTlsPolicyPlugin().backendTlsPolicyKinds(null)),
                new ResourceValidator());

        assertThat(index.problems).extracting(Object::toString).singleElement().asString()
                .contains("spec.validation: must not contain both CACertificateRefs and WellKnownCACertificates");
        assertThat(BackendTlsPolicies.of(index, Instant.now()).forPort("ns/svc", "")).isEmpty();
    }

    @Test
    void readsV1alpha3PoliciesWithSubjectAltNames() {
        BackendTlsPolicies policies = policies("""
                apiVersion: gateway.networking.k8s.io/v1alpha3
                kind: BackendTLSPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  targetRefs: [{group: '', kind: Service, name: svc}]
                  validation:
                    wellKnownCACertificates: System
                    hostname: svc.test
                    subjectAltNames:
                    - {type: Hostname, hostname: a.test}
                    - {type: URI, uri: "spiffe://cluster.test/a"}
                  options: {lintel.io/min-tls-version: "1.3"}
                """);

        IrBackendTls tls = policies.forPort("ns/svc", "").flatMap(BackendTlsPolicies.Applied::tls).orElseThrow();
        assertThat(tls.subjectAltNames()).extracting(Object::toString)
                .containsExactly("DNS:a.test", "URI:spiffe://cluster.test/a");
        assertThat(tls.systemTrust()).isTrue();
        assertThat(tls.options()).contains(new IrTlsOptions(Optional.of("TLSv1.3"), List.of()));
    }

    private static String withOptions(String options) {
        return policy("p", "2024-01-01T00:00:00Z", "{group: '', kind: Service, name: svc}", system("svc.test"))
                + "  options: " + options + "\n";
    }

    @Test
    void optionsTakeTheListenersKeys() {
        BackendTlsPolicies policies = policies(withOptions("{lintel.io/min-tls-version: \"1.2\", "
                + "lintel.io/cipher-suites: \"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256\"}"));

        assertThat(state(policies, "p").accepted).isTrue();
        IrBackendTls tls = policies.forPort("ns/svc", "").flatMap(BackendTlsPolicies.Applied::tls).orElseThrow();
        assertThat(tls.options()).contains(new IrTlsOptions(Optional.of("TLSv1.2"),
                List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")));
    }

    @Test
    void withoutOptionsTheProvidersDefaultsApply() {
        BackendTlsPolicies policies = policies(policy("p", "2024-01-01T00:00:00Z",
                "{group: '', kind: Service, name: svc}", system("svc.test")));

        assertThat(policies.forPort("ns/svc", "").flatMap(BackendTlsPolicies.Applied::tls).orElseThrow().options())
                .isEmpty();
    }

    @Test
    void anUnknownOptionMakesThePolicyInvalidNamingTheKeyAndItsBackendsFail() {
        BackendTlsPolicies policies = policies(withOptions("{example.com/min-version: \"1.3\"}"));

        BackendTlsPolicies.PolicyState state = state(policies, "p");
        assertThat(state.accepted).isFalse();
        assertThat(state.acceptedReason).isEqualTo("Invalid");
        assertThat(state.acceptedMessage).isEqualTo("spec.options[example.com/min-version]: unknown option "
                + "(supported: lintel.io/min-tls-version, lintel.io/cipher-suites)");
        // never TLS other than asked, nor clear text: the backends fail
        BackendTlsPolicies.Applied applied = policies.forPort("ns/svc", "").orElseThrow();
        assertThat(applied.tls()).isEmpty();
        assertThat(applied.failure()).hasValueSatisfying(f -> assertThat(f).contains("example.com/min-version"));
    }

    @Test
    void aValueLintelCannotHonourMakesThePolicyInvalidNamingTheKey() {
        BackendTlsPolicies policies = policies(withOptions("{lintel.io/min-tls-version: \"1.1\"}"));

        assertThat(state(policies, "p").acceptedMessage).isEqualTo("spec.options[lintel.io/min-tls-version]: '1.1' "
                + "is not supported (expected: \"1.2\" or \"1.3\")");
    }

    private static String pem(Object certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
