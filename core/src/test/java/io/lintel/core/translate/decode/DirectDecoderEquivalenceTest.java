package io.lintel.core.translate.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.lintel.core.translate.decode.direct.DirectDecoder;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * {@link DirectDecoder} is only a shortcut: for every document it either declines, or returns an object equal to (and
 * of the same class as) the one Jackson's path decodes without a problem, so that the decoder as a whole reports
 * exactly what it reported before. Checked on every manifest of the repository's tests (core and plugins: golden
 * inputs, CRD constraint tables), the conformance corpus when present, and thousands of random documents, clean and
 * broken. Besides, the shortcut must actually be taken for the common documents, or it would silently never run.
 */
class DirectDecoderEquivalenceTest {

    /** The shared conformance corpus (read-only); its part of the test is skipped where it is not checked out. */
    private static final Path CONFORMANCE = Path.of(System.getProperty("lintel.conformance.dir",
            "/work/shared/conformance"));

    /** Random documents per run (each clean, then broken in one to three spots); 40 000 passed once too. */
    private static final int RANDOM_DOCUMENTS = 3000;

    private final DocumentDecoder decoder = new DocumentDecoder();

    /** The kinds {@link DirectDecoder} reads; the others (Secret, ConfigMap) always go through Jackson. */
    private static final Set<String> DIRECT_KINDS = Set.of("HTTPRoute", "Service", "EndpointSlice",
            "Namespace", "GatewayClass", "Gateway", "ReferenceGrant");

    /** What comparing one document found; {@code covered}: of a kind {@link DirectDecoder} reads. */
    private record Verdict(boolean covered, boolean direct, boolean jacksonDecoded) {}

    @Test
    void repositoryManifestsDecodeAlikeAndTheCommonOnesDirectly() throws IOException {
        List<Path> files;
        try (Stream<Path> core = Files.walk(Path.of("src/test/resources"));
                Stream<Path> plugins = Files.walk(Path.of("../plugins"))) {
            files = Stream.concat(core, plugins)
                    .filter(p -> p.toString().contains("src/test/resources") && !p.toString().contains("/target/"))
                    .filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".out.yaml"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        Tally tally = new Tally();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("#") && text.contains("\ncases:")) {
                constraintTableDocuments(text).forEach(content -> tally.add(check(file.toString(), content)));
            } else {
                documents(file.toString(), text).forEach(content -> tally.add(check(file.toString(), content)));
            }
        }
        System.out.printf("repository manifests: %d of %d decoded directly%n", tally.direct, tally.jacksonDecoded);
        assertThat(tally.direct).as("documents decoded directly").isGreaterThan(300);
        // the others are mostly CRD constraint cases of CORS, external auth and session persistence, which are declined
        assertThat(tally.direct).as("most documents Jackson decodes are decoded directly")
                .isGreaterThan(tally.jacksonDecoded * 8 / 10);
    }

    @Test
    void conformanceManifestsDecodeAlikeAndTypicalRoutesDirectly() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CONFORMANCE), "no conformance corpus");
        Tally routes = new Tally();
        Tally all = new Tally();
        for (String dir : List.of("cases", "cases-next", "base", "base-next")) {
            List<Path> files;
            try (Stream<Path> list = Files.list(CONFORMANCE.resolve(dir))) {
                files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (dir.startsWith("cases")) {
                    Object manifests = ((Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(text))
                            .get("manifests");
                    text = manifests instanceof String s ? s : "";
                }
                for (Map<String, Object> content : documents(file.toString(), text)) {
                    Verdict verdict = check(file.toString(), content);
                    all.add(verdict);
                    if ("HTTPRoute".equals(content.get("kind"))) {
                        routes.add(verdict);
                    }
                }
            }
        }
        System.out.printf("conformance corpus: %d of %d HTTPRoutes, %d of %d documents decoded directly%n",
                routes.direct, routes.jacksonDecoded, all.direct, all.jacksonDecoded);
        assertThat(routes.jacksonDecoded).as("HTTPRoutes of the corpus").isGreaterThan(100);
        assertThat(routes.direct).as("corpus HTTPRoutes decoded directly")
                .isGreaterThan(routes.jacksonDecoded * 9 / 10);
        assertThat(all.direct).isGreaterThan(all.jacksonDecoded * 9 / 10);
    }

    @Test
    void theScaleGeneratorsDocumentsAreDecodedDirectly() {
        // integration-tests/scale/run's documents (its base, route layouts "hostnames" and "regex", a Service and its slice)
        String text = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: scale}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: scale, namespace: scale}
                spec:
                  gatewayClassName: lintel
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                    - {name: http, protocol: HTTP, port: 18555, allowedRoutes: {namespaces: {from: All}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc0, namespace: scale}
                spec:
                  ports: [{name: http, port: 80, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: svc0-1, namespace: scale, labels: {kubernetes.io/service-name: svc0}}
                addressType: IPv4
                ports: [{name: http, port: 9, protocol: TCP}]
                endpoints:
                  - addresses: [127.0.0.1]
                    conditions: {ready: true}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: route0, namespace: scale, creationTimestamp: "2026-12-07T10:00:00Z"}
                spec:
                  parentRefs: [{name: scale, namespace: scale}]
                  hostnames: ["h0.scale.test"]
                  rules:
                      - matches:
                          - path: {type: PathPrefix, value: "/a"}
                        filters:
                          - type: RequestRedirect
                            requestRedirect: {hostname: v0.redirect.test, statusCode: 302}
                      - matches:
                          - path: {type: PathPrefix, value: "/b"}
                        backendRefs:
                          - {name: svc0, port: 80}
                      - matches:
                          - path: {type: Exact, value: "/c"}
                        backendRefs:
                          - {name: svc0, port: 80}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: route7, namespace: scale}
                spec:
                  parentRefs: [{name: scale, namespace: scale}]
                  hostnames: ["app.scale.test"]
                  rules:
                      - matches:
                          - path: {type: RegularExpression, value: "/r7/[a-z]+"}
                        filters:
                          - type: RequestRedirect
                            requestRedirect: {hostname: v0.redirect.test, statusCode: 302}
                      - matches:
                          - path: {type: Exact, value: "/other7/b"}
                        backendRefs:
                          - {name: svc7, port: 80}
                """;
        List<Map<String, Object>> documents = documents("scale", text);
        assertThat(documents).hasSize(14); // each text is read with both schemas
        for (Map<String, Object> content : documents) {
            assertThat(check("scale", content).direct()).as("%s decoded directly", content.get("kind")).isTrue();
        }
    }

    @Test
    void randomDocumentsDecodeAlike() {
        RandomDocuments random = new RandomDocuments(20261207L);
        Tally clean = new Tally();
        Tally broken = new Tally();
        for (int i = 0; i < RANDOM_DOCUMENTS; i++) {
            Map<String, Object> document = random.clean();
            Verdict verdict = check("random clean #" + i, document);
            assertThat(verdict.direct()).as("clean random document #%d decoded directly: %s", i, document).isTrue();
            clean.add(verdict);
            int mutations = 1 + i % 3;
            for (int m = 0; m < mutations; m++) {
                random.mutate(document);
            }
            broken.add(check("random broken #" + i + " " + document, document));
        }
        // Some broken documents are still valid (a removed optional field): both ways decode those.
        assertThat(broken.direct).isGreaterThan(100);
        assertThat(broken.jacksonDecoded).isLessThan(RANDOM_DOCUMENTS);
        assertThat(broken.jacksonDecoded - broken.direct).as("declined documents Jackson decodes").isGreaterThan(0);
    }

    /**
     * Decodes {@code content} directly and through Jackson: when the direct reader accepts it, Jackson must decode it
     * without a problem into an equal object of the same class, and the decoder as a whole must report the same.
     */
    private Verdict check(String origin, Map<String, Object> content) {
        KubernetesDocument document = document(origin, content);
        String group = document.key().group();
        String kind = document.key().kind();
        if (!DocumentDecoder.readsItself(group, kind)) {
            return new Verdict(false, false, false);
        }
        String apiVersion = DocumentDecoder.decodedVersion(group, kind);
        boolean versionRefused = !group.equals("gateway.networking.k8s.io") && !apiVersion.equals(document.apiVersion());
        List<ConfigProblem> jacksonProblems = new ArrayList<>();
        Optional<DecodedResource<HasMetadata>> jackson = versionRefused ? Optional.empty()
                : decoder.decodeThroughJackson(document, apiVersion, jacksonProblems::add);
        Optional<HasMetadata> direct = versionRefused ? Optional.empty()
                : DirectDecoder.read(group, kind, apiVersion, document.content());
        if (direct.isPresent()) {
            assertThat(jacksonProblems).as("%s: Jackson's problems with a document read directly", origin).isEmpty();
            assertThat(jackson).as("%s: Jackson decodes what is read directly", origin).isPresent();
            HasMetadata expected = jackson.get().object();
            assertThat(direct.get()).as(origin).hasSameClassAs(expected).isEqualTo(expected);
            assertThat(direct.get().hashCode()).as(origin).isEqualTo(expected.hashCode());
            assertThat(direct.get().toString()).as(origin).isEqualTo(expected.toString());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<DecodedResource<HasMetadata>> decoded = decoder.decode(document, problems::add);
        if (!versionRefused) {
            assertThat(problems).as("%s: the decoder's problems", origin).isEqualTo(jacksonProblems);
            assertThat(decoded.map(DecodedResource::object)).as(origin).isEqualTo(jackson.map(DecodedResource::object));
        }
        return new Verdict(DIRECT_KINDS.contains(kind), direct.isPresent(), jackson.isPresent());
    }

    /** Counts of documents of the kinds {@link DirectDecoder} reads. */
    private static final class Tally {
        int direct;
        int jacksonDecoded;

        void add(Verdict verdict) {
            if (!verdict.covered()) {
                return;
            }
            direct += verdict.direct() ? 1 : 0;
            jacksonDecoded += verdict.jacksonDecoded() ? 1 : 0;
        }
    }

    /**
     * The documents of a YAML text, read once with the JSON schema (as the golden tests read them) and once with the
     * core schema (as the file source does: {@code True}, {@code 0x1F}, {@code 0o17} differ).
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String origin, String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (LoadSettings settings : List.of(LoadSettings.builder().setSchema(new JsonSchema()).build(),
                LoadSettings.builder().setSchema(new CoreSchema()).build())) {
            try {
                for (Object each : new Load(settings).loadAllFromString(text)) {
                    if (each instanceof Map<?, ?> map) {
                        documents.add((Map<String, Object>) map);
                    }
                }
            } catch (RuntimeException e) {
                // a text that is meant not to parse (parser tests): nothing to decode
            }
        }
        return documents;
    }

    /** The documents of a CRD constraint table: each case's spec over its kind's base spec, as CrdConstraintsTest. */
    private static List<Map<String, Object>> constraintTableDocuments(String text) {
        Map<?, ?> table = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(text);
        Map<?, ?> bases = table.get("base") instanceof Map<?, ?> b ? b : Map.of();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object each : (List<?>) table.get("cases")) {
            Map<?, ?> testCase = (Map<?, ?>) each;
            Object kind = testCase.get("kind");
            Map<String, Object> spec = new LinkedHashMap<>();
            if (bases.get(kind) instanceof Map<?, ?> base) {
                base.forEach((k, v) -> spec.put(String.valueOf(k), v));
            }
            if (testCase.get("spec") instanceof Map<?, ?> caseSpec) {
                caseSpec.forEach((k, v) -> spec.put(String.valueOf(k), v));
            }
            spec.values().removeIf(v -> v == null);
            Map<String, Object> document = new LinkedHashMap<>();
            String apiVersion = testCase.get("apiVersion") instanceof String v ? v
                    : "Service".equals(kind) || "Secret".equals(kind) ? "v1" : "gateway.networking.k8s.io/v1";
            document.put("apiVersion", apiVersion);
            document.put("kind", kind);
            document.put("metadata", Map.of("name", "test", "namespace", "default"));
            document.put("spec", spec);
            documents.add(document);
        }
        return documents;
    }

    private static KubernetesDocument document(String origin, Map<String, Object> content) {
        String apiVersion = String.valueOf(content.getOrDefault("apiVersion", ""));
        Map<?, ?> metadata = content.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        ResourceKey key = new ResourceKey(ResourceKey.groupOf(apiVersion), String.valueOf(content.getOrDefault("kind", "")),
                String.valueOf(metadata.get("namespace") == null ? "" : metadata.get("namespace")),
                String.valueOf(metadata.get("name") == null ? "" : metadata.get("name")));
        return new KubernetesDocument(key, apiVersion, content, new SourceLocation(origin, 1));
    }
}
