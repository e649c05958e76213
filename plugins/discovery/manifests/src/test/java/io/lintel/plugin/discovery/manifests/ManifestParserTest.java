package io.lintel.plugin.discovery.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static final String FILE = "/etc/lintel/routes.yaml";

    @Test
    void readsEveryDocumentWithTheLineItStartsOn() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata:
                  name: lintel
                  namespace: ignored
                ---
                # an empty document follows
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: web
                spec:
                  hostnames: ["example.com"]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: backend
                  namespace: apps
                spec:
                  ports: [{port: 8080}]
                """);

        assertThat(parsed.syntaxError()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.documents()).extracting(KubernetesDocument::key).containsExactly(
                new ResourceKey("gateway.networking.k8s.io", "GatewayClass", "", "lintel"),
                new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "web"),
                new ResourceKey("", "Service", "apps", "backend"));
        assertThat(parsed.documents()).extracting(KubernetesDocument::location).containsExactly(
                new SourceLocation(FILE, 1), new SourceLocation(FILE, 9), new SourceLocation(FILE, 16));
        KubernetesDocument route = parsed.documents().get(1);
        assertThat(route.apiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.content()).containsEntry("spec", Map.of("hostnames", List.of("example.com")));
        assertThat(route.content().get("metadata")).isEqualTo(Map.of("name", "web", "namespace", "default"));
        assertThat(parsed.documents().get(2).content().get("spec"))
                .isEqualTo(Map.of("ports", List.of(Map.of("port", 8080))));
    }

    @Test
    void contentIsReadOnlyWithStringKeys() {
        KubernetesDocument document = ManifestParser.parse(FILE, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: numbers}
                data:
                  80: http
                """).documents().get(0);

        assertThat(document.content().get("data")).isEqualTo(Map.of("80", "http"));
        assertThatThrownBy(() -> document.content().put("kind", "Secret")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badDocumentIsReportedAndItsSiblingsKept() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: good
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  namespace: apps
                ---
                kind: Gateway
                metadata:
                  name: no-api-version
                """);

        assertThat(parsed.documents()).extracting(d -> d.key().name()).containsExactly("good");
        assertThat(parsed.problems()).extracting(ConfigProblem::location, ConfigProblem::fieldPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(FILE, 6), "metadata.name"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(FILE, 11), "apiVersion"));
        assertThat(parsed.problems().get(0).toString())
                .isEqualTo(FILE + ":6: metadata.name: missing (expected: a non-empty string)");
    }

    @Test
    void syntaxErrorFailsTheWholeFileWithItsLine() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: good
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: [unclosed
                """);

        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.syntaxError()).hasValueSatisfying(error -> {
            assertThat(error.location().origin()).isEqualTo(FILE);
            assertThat(error.location().line()).isGreaterThanOrEqualTo(9);
            assertThat(error.message()).startsWith("cannot parse: ");
        });
    }

    @Test
    void duplicateMappingKeysAreASyntaxError() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                apiVersion: v1
                kind: Service
                kind: Secret
                metadata: {name: twice}
                """);

        assertThat(parsed.syntaxError()).hasValueSatisfying(error -> {
            assertThat(error.location().line()).isEqualTo(3);
            assertThat(error.message()).contains("kind");
        });
    }

    @Test
    void readsJson() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse("/etc/lintel/route.json", """
                {
                  "apiVersion": "gateway.networking.k8s.io/v1",
                  "kind": "HTTPRoute",
                  "metadata": {"name": "json-route", "namespace": "apps"},
                  "spec": {"rules": [{"backendRefs": [{"name": "svc", "port": 8080, "weight": 1.5}]}], "on": true}
                }
                """);

        assertThat(parsed.problems()).isEmpty();
        KubernetesDocument document = parsed.documents().get(0);
        assertThat(document.key()).isEqualTo(new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "apps", "json-route"));
        assertThat(document.location().line()).isEqualTo(1);
        assertThat(document.content().get("spec")).isEqualTo(Map.of(
                "rules", List.of(Map.of("backendRefs", List.of(Map.of("name", "svc", "port", 8080, "weight", 1.5)))),
                "on", true));
    }

    @Test
    void listKindContributesItsItems() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Namespace
                  metadata:
                    name: apps
                - apiVersion: v1
                  kind: Service
                  metadata:
                    name: backend
                - apiVersion: v1
                  kind: Service
                """);

        assertThat(parsed.documents()).extracting(KubernetesDocument::key).containsExactly(
                new ResourceKey("", "Namespace", "", "apps"), new ResourceKey("", "Service", "default", "backend"));
        assertThat(parsed.documents()).extracting(d -> d.location().line()).containsExactly(4, 8);
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.fieldPath()).isEqualTo("items[2].metadata");
            assertThat(problem.location().line()).isEqualTo(12);
        });
    }

    @Test
    void nonMappingDocumentIsAProblem() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                - just
                - a list
                """);

        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("sequence").contains("expected: a mapping"));
    }

    @Test
    void sameResourceTwiceInAFileKeepsTheLaterAndSaysSo() {
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(FILE, """
                apiVersion: v1
                kind: Service
                metadata: {name: twice}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: twice}
                """);

        assertThat(parsed.documents()).hasSize(2);
        assertThat(parsed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.toString()).contains(":5:").contains("first at line 1"));
    }
}
