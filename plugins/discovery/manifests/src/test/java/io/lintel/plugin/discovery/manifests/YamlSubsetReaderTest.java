package io.lintel.plugin.discovery.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subset reader against the reference (snakeyaml-engine through {@link ManifestParser#parseWithEngine}): on every
 * text it accepts, both give equal documents, problems and lines; texts outside the subset are left to the reference.
 */
class YamlSubsetReaderTest {

    private static final String ORIGIN = "test.yaml";
    private static final ManifestParser.Limits LIMITS = ManifestParser.Limits.DEFAULTS;

    static Stream<String> snippets() {
        return Stream.of(
                // the shapes manifests are written in
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: n}
                spec:
                  parentRefs: [{name: gw, namespace: n}]
                  hostnames: ["a.example", 'b.example']
                  rules:
                      - matches:
                          - path: {type: PathPrefix, value: "/a"}
                        backendRefs:
                          - {name: svc, port: 80, weight: 0}
                """,
                """
                # leading comment
                ---
                apiVersion: v1   # trailing comment
                kind: Service
                metadata:
                  name: s#1
                  labels:
                    app: web
                    "quoted key": 'it''s'
                    empty:
                    tilde: ~
                    nul: null
                spec:
                  ports:
                  - port: 8080
                    targetPort: 0x1F
                    name: http
                  - port: -1
                    protocol: 1.5e3
                  selector: {}
                  list: []
                ---
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {a: "x\\ty\\u00e9\\"", b: "", c: '', d: true, e: False, f: .inf, g: -.Inf, h: .NaN, i: 0o17}
                """,
                """
                {
                  "apiVersion": "v1",
                  "kind": "List",
                  "items": [
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}},
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}, "spec": {"ports": [{"port":80}]}},
                    "not an object"
                  ]
                }
                """,
                """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Service
                  metadata:
                    name: a
                -
                  apiVersion: v1
                  kind: Service
                  metadata: {name: b}
                - 42
                - - nested
                  - seq
                """,
                // outside the subset or erroneous: left to the reference, whatever it says
                "a: &x {b: 1}\nc: *x\n",
                "a: !!str 1\n",
                "a: |\n  block\n  scalar\n",
                "a: >-\n  folded\n",
                "a: |\n  x\n\n   y\n\nb: |-\n  z\n\n\nc: |+\n  k\n\n\nd: | # c\n  #not a comment\n# c\ne: x\n",
                "a:\n  - |\n    x\n  - y\n",
                "a: |\n  x\n y\n",
                "a: |\n  x",
                "a: |\n\n  x\n",
                "a: |\n   \n  x\n",
                "a: |\n  x\n    \n  y\n",
                "a: |2\n  x\n",
                "a: |\n  x\n---\nb: 1\n",
                "|\n x\n",
                "---\nnull\n---\n~\n",
                "a: plain\n  continued\n",
                "a: \"quoted\n  continued\"\n",
                "a: 1\na: 2\n",
                "{a: 1, a: 2}\n",
                "? complex\n: key\n",
                "%YAML 1.2\n---\na: 1\n",
                "a:\tb\n",
                "a: b\r\nc: d\r\n",
                "a: - b\n",
                "a: b: c\n",
                "- a\nb: c\n",
                "a:\n  - b\n - c\n",
                "a: [b, c\n",
                "a: {b: c\n",
                "a: 'unterminated\n",
                "[a, b, ]\n",
                "{a: , b: 1}\n",
                "{a}\n",
                "[a: b]\n",
                "{url: http://x}\n",
                "<<: {a: 1}\nb: 2\n",
                "1: one\n",
                "true: yes\n",
                "null: x\n",
                "'1': one\n",
                "a: b\n...\n",
                "--- a\n",
                "a: b\n---\n",
                "a:\n-\n- b\n",
                "a: \"\\x41\"\n",
                "a: \"\\ud83d\"\n",
                "a: é\nb: 日本\n",
                "a: \u2028\n",
                "  a: 1\n",
                "a: b #c\nd: e# f\n",
                "a: [1, 2]\n  b: 3\n",
                "a:\n  b\n",
                "a:\n  b\nc: d\n",
                "a: -\n",
                "a: ---\n",
                "- - a\n  - b\n- c\n",
                "a:\n- b\n- c\nd: e\n",
                "a: {b: [1, {c: d}], e: \"f\"}\n",
                "a: 'x' y\n",
                "\"a\":1\n",
                "{\"a\":1,\"b\":[true,false,null]}\n",
                "a: [\n  1,\n  2\n]\n",
                "a: [\n1]\n",
                "a: [b # c\n  , d]\n",
                "a: [b#c]\n",
                "",
                "# only a comment\n",
                "---\n",
                "a: 1\n# end\n");
    }

    @ParameterizedTest
    @MethodSource("snippets")
    void agreesWithTheReference(String text) {
        assertAgrees(text);
    }

    @Test
    void readsTheCommonShapesItself() {
        snippets().limit(4).forEach(text ->
                assertThat(YamlSubsetReader.read(text, LIMITS, new QuickCoreSchema())).as(text).isNotNull());
    }

    /** Every manifest of the repository (and of the shared conformance corpus, when present) reads alike. */
    @Test
    void agreesOnTheRepositorysManifests() throws IOException {
        Path repository = Path.of("").toAbsolutePath();
        while (repository.getParent() != null && !Files.exists(repository.resolve(".ci"))) {
            repository = repository.getParent();
        }
        List<Path> roots = new ArrayList<>(List.of(repository));
        Path shared = repository.resolveSibling("shared").resolve("conformance");
        if (Files.isDirectory(shared)) {
            roots.add(shared);
        }
        int files = 0;
        int read = 0;
        for (Path root : roots) {
            List<Path> manifests;
            try (Stream<Path> walk = Files.walk(root)) {
                manifests = walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                        .filter(p -> p.toString().matches(".*\\.(yaml|yml|json)$"))
                        .toList();
            }
            for (Path manifest : manifests) {
                String text = manifestsOf(manifest);
                assertAgrees(text);
                files++;
                if (YamlSubsetReader.read(text, LIMITS, new QuickCoreSchema()) != null) {
                    read++;
                }
            }
        }
        assertThat(files).isGreaterThan(50);
        // the point of the reader: most manifests never reach the reference
        assertThat(read).as("files read by the subset reader, of " + files).isGreaterThan(files * 3 / 4);
    }

    /** Random trees written in random styles (block, flow, quoting, indentation, comments). */
    @Test
    void agreesOnRandomDocuments() {
        Random random = new Random(20261206);
        int read = 0;
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("apiVersion", "v1");
            document.put("kind", random.nextInt(10) == 0 ? "List" : "ConfigMap");
            document.put("metadata", Map.of("name", "n" + i));
            document.put(random.nextBoolean() ? "data" : "items", randomValue(random, 0));
            String text = new RandomYamlWriter(random).document(document);
            assertAgrees(text);
            if (YamlSubsetReader.read(text, LIMITS, new QuickCoreSchema()) != null) {
                read++;
            }
        }
        assertThat(read).isGreaterThan(1000);
    }

    private static final List<String> SCALARS = List.of("a", "web-1", "/path/x", "example.com", "*.example.com", "80", "0", "007", "123456789", "1234567890", "+5",
            "-1", "0x1F", "0o7", "1.5", "1e3", ".inf", "true", "False", "null", "~", "", " lead", "trail ", "a b",
            "a: b", "a #b", "a#b", "#x", "-x", "- x", ":x", "?x", "'q'", "\"d\"", "it's", "[x]", "{x}", "a,b", "é",
            "a\\b", "yes", "No", "on", "2026-12-06T00:00:00Z", "$VAR", "@x", "`x`", "%x", "!x", "&x", "*x", "|x",
            ">x", "---", "...", "a\tb", "a\nb");

    private static Object randomValue(Random random, int depth) {
        int choice = depth > 4 ? 0 : random.nextInt(10);
        if (choice < 5) {
            Object scalar = SCALARS.get(random.nextInt(SCALARS.size()));
            return random.nextInt(15) == 0 ? (Object) random.nextInt(1000) : random.nextInt(20) == 0 ? null : scalar;
        }
        if (choice < 8) {
            Map<String, Object> map = new LinkedHashMap<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                map.put(random.nextInt(8) == 0 ? SCALARS.get(random.nextInt(SCALARS.size())) : "k" + random.nextInt(6),
                        randomValue(random, depth + 1));
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            list.add(randomValue(random, depth + 1));
        }
        return list;
    }

    /** Writes a tree as YAML, choosing a style at random at each node; some choices make invalid or exotic YAML. */
    private record RandomYamlWriter(Random random) {

        String document(Map<String, Object> root) {
            StringBuilder out = new StringBuilder();
            if (random.nextInt(4) == 0) {
                out.append(random.nextBoolean() ? "---\n" : "# comment\n---\n");
            }
            if (random.nextInt(6) == 0) {
                out.append(flow(root)).append('\n');
            } else {
                block(out, root, 0);
            }
            if (random.nextInt(5) == 0) {
                out.append("---\n");
            }
            return out.toString();
        }

        private void block(StringBuilder out, Object value, int indent) {
            int step = 1 + random.nextInt(4);
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                map.forEach((k, v) -> {
                    out.append(" ".repeat(indent)).append(scalar(k, false)).append(':');
                    child(out, v, indent, step, true);
                });
            } else if (value instanceof List<?> list && !list.isEmpty()) {
                for (Object item : list) {
                    out.append(" ".repeat(indent)).append('-');
                    child(out, item, indent, step, false);
                }
            } else {
                out.append(" ".repeat(indent)).append(flow(value)).append('\n');
            }
        }

        private void child(StringBuilder out, Object v, int indent, int step, boolean mappingValue) {
            boolean collection = v instanceof Map<?, ?> m && !m.isEmpty() || v instanceof List<?> l && !l.isEmpty();
            if (!collection || random.nextInt(3) == 0) {
                out.append(' ').append(flow(v)).append(comment()).append('\n');
            } else if (mappingValue && v instanceof List<?> && random.nextBoolean()) {
                out.append(comment()).append('\n');
                block(out, v, indent); // a sequence at its key's indentation
            } else if (!mappingValue && random.nextBoolean()) {
                // compact: the collection starts on the dash's line
                StringBuilder nested = new StringBuilder();
                block(nested, v, indent + step + 1);
                out.append(" ".repeat(step)).append(nested.substring(indent + step + 1));
            } else {
                out.append(comment()).append('\n');
                block(out, v, indent + step);
            }
        }

        private String comment() {
            return random.nextInt(6) == 0 ? " # note" : "";
        }

        private String flow(Object value) {
            if (value instanceof Map<?, ?> map) {
                StringBuilder out = new StringBuilder("{");
                map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(scalar(k, true)).append(": ")
                        .append(flow(v)));
                return out.append(random.nextInt(10) == 0 ? "\n  }" : "}").toString();
            }
            if (value instanceof List<?> list) {
                StringBuilder out = new StringBuilder("[");
                list.forEach(v -> out.append(out.length() > 1 ? (random.nextInt(10) == 0 ? ",\n   " : ", ") : "")
                        .append(flow(v)));
                return out.append("]").toString();
            }
            return scalar(value, true);
        }

        private String scalar(Object value, boolean flow) {
            if (value == null) {
                return random.nextBoolean() ? "null" : "";
            }
            String text = String.valueOf(value);
            return switch (random.nextInt(4)) {
                case 0 -> '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
                case 1 -> "'" + text.replace("'", "''") + "'";
                default -> text;
            };
        }
    }

    /**
     * Both the documents {@link ManifestParser} makes of the text (content, lines, problems) and, when the subset
     * reader accepts it, every document's whole tree (also of texts that are not Kubernetes objects) are equal.
     */
    private static void assertAgrees(String text) {
        ManifestParser.ParsedManifests reference = ManifestParser.parseWithEngine(ORIGIN, text, LIMITS);
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(ORIGIN, text, LIMITS);
        assertThat(parsed).as("%s", text).isEqualTo(reference);
        List<YamlSubsetReader.Document> read = YamlSubsetReader.read(text, LIMITS, new QuickCoreSchema());
        if (read != null) {
            List<Object> trees = new ArrayList<>();
            new Load(LoadSettings.builder().setSchema(new QuickCoreSchema()).setAllowDuplicateKeys(false).build())
                    .loadAllFromString(text).forEach(tree -> {
                        if (tree != null) {
                            trees.add(withStringKeys(tree));
                        }
                    });
            assertThat(read.stream().map(YamlSubsetReader.Document::value).filter(java.util.Objects::nonNull).toList())
                    .as("%s", text).isEqualTo(trees);
        }
    }

    private static Object withStringKeys(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), withStringKeys(v)));
            return copy;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(YamlSubsetReaderTest::withStringKeys).toList();
        }
        return tree;
    }

    /**
     * The file's text, or for a conformance case (a YAML file describing a case, with its manifests in a block scalar)
     * the manifests the gateway is given.
     */
    private static String manifestsOf(Path file) {
        String text = read(file);
        if (file.getParent().getFileName().toString().startsWith("cases")
                && new Load(LoadSettings.builder().build()).loadFromString(text) instanceof Map<?, ?> testCase
                && testCase.get("manifests") instanceof String manifests) {
            return manifests;
        }
        return text;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
