package io.lintel.plugin.listenerset;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.testing.GoldenFiles;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.AllowedRoutes;
import io.lintel.spi.kind.CertificateRef;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.GatewayListener;
import io.lintel.spi.kind.LabelSelector;
import io.lintel.spi.kind.ListenerSetDescription;
import io.lintel.spi.kind.ListenerTls;
import io.lintel.spi.kind.ParentRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the plugin makes of ListenerSet documents: CRD defaults applied, and core's order of violations kept. */
class ListenerSetReaderTest {

    private final ListenerSetReader reader = new ListenerSetReader();

    private static KubernetesDocument document(String spec) {
        return GoldenFiles.documents("t.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata: {name: set, namespace: ns}
                spec:
                %s""".formatted(spec.indent(2))).get(0);
    }

    @Test
    void describesTheParentAndListenersWithTheCrdDefaults() {
        KubernetesDocument document = document("""
                parentRef: {name: gw}
                listeners:
                - {name: plain, port: 80, protocol: HTTP}
                - name: secure
                  hostname: a.example.com
                  port: 443
                  protocol: HTTPS
                  tls:
                    certificateRefs: [{name: cert}, {kind: Secret, name: other, namespace: certs}]
                    options: {lintel.io/min-tls-version: "1.3"}
                  allowedRoutes:
                    namespaces:
                      from: Selector
                      selector:
                        matchLabels: {team: a}
                        matchExpressions: [{key: env, operator: In, values: [prod]}]
                    kinds: [{kind: HTTPRoute}]
                """);

        assertThat(reader.validate(document)).isEmpty();
        ListenerSetDescription described = reader.describe(document);

        assertThat(described.parent()).isEqualTo(ParentRef.gateway("gw"));
        assertThat(described.listeners()).containsExactly(
                new GatewayListener("plain", Optional.empty(), 80, "HTTP", Optional.empty(), AllowedRoutes.DEFAULT),
                new GatewayListener("secure", Optional.of("a.example.com"), 443, "HTTPS",
                        Optional.of(new ListenerTls("Terminate", List.of(
                                new CertificateRef("", "Secret", Optional.empty(), "cert"),
                                new CertificateRef("", "Secret", Optional.of("certs"), "other")),
                                Map.of("lintel.io/min-tls-version", "1.3"))),
                        new AllowedRoutes("Selector", Optional.of(new LabelSelector(Map.of("team", "a"),
                                List.of(new LabelSelector.Requirement("env", "In", List.of("prod"))))),
                                List.of(new AllowedRoutes.RouteKind("gateway.networking.k8s.io", "HTTPRoute")))));
    }

    @Test
    void anUnknownFieldIsReportedOnlyForAnOtherwiseValidDocument() {
        String unknown = """
                parentRef: {name: gw, sectionName: x}
                listeners:
                - {name: l, port: %s, protocol: HTTP}
                """;

        assertThat(reader.validate(document(unknown.formatted("80")))).containsExactly(new FieldViolation(
                "spec.parentRef.sectionName",
                "unknown field \"sectionName\" (not part of ListenerSet gateway.networking.k8s.io/v1)"));
        assertThat(reader.validate(document(unknown.formatted("0")))).extracting(FieldViolation::fieldPath)
                .containsExactly("spec.listeners[0].port");
    }

    @Test
    void aMissingSpecIsRequired() {
        KubernetesDocument document = GoldenFiles.documents("t.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata: {name: set, namespace: ns}
                """).get(0);

        assertThat(reader.validate(document)).containsExactly(new FieldViolation("spec", "is required"));
    }
}
