package io.lintel.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Golden-file tests of the translator, reusable by plugins (it ships in core's test jar): every
 * {@code <case>.in.yaml} of a directory (multi-document Kubernetes manifests) is translated at {@link #NOW} with a
 * given plugin registry, and the result (statuses in Kubernetes shape, problems, IR) must equal
 * {@code <case>.out.yaml}. Run with {@code -Dgolden.update=true} to rewrite the out files instead; review the diff,
 * the out files are the specification of the behaviour.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> golden() {
 *     return GoldenFiles.cases(Path.of("src/test/resources/golden"), myRegistry);
 * }
 * }</pre>
 */
public final class GoldenFiles {

    /** The time every golden translation runs at. */
    public static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    /** The settings every golden translation uses. */
    public static final TranslatorSettings SETTINGS =
            new TranslatorSettings(TranslatorSettings.DEFAULT_CONTROLLER_NAME, "0.0.0.0");

    private static final String IN = ".in.yaml";
    private static final String OUT = ".out.yaml";

    private GoldenFiles() {}

    /** One dynamic test per {@code *.in.yaml} file of {@code directory}, in file-name order. */
    public static Stream<DynamicTest> cases(Path directory, PluginRegistry registry) {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(directory)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(IN)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(inputs).as("golden cases in %s", directory).isNotEmpty();
        return inputs.stream().map(in -> DynamicTest.dynamicTest(caseName(in), in.toUri(), () -> check(in, registry)));
    }

    /** Translates one case and compares (or, with {@code -Dgolden.update=true}, rewrites) its out file. */
    public static void check(Path in, PluginRegistry registry) throws IOException {
        String actual = render(new Translator(SETTINGS, registry).translate(snapshot(in), NOW));
        Path out = in.resolveSibling(caseName(in) + OUT);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(out, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(out).as("expected output %s (run with -Dgolden.update=true to create it)", out).exists();
        assertThat(actual).as("translation of %s (run with -Dgolden.update=true to accept it)", in)
                .isEqualTo(Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String caseName(Path in) {
        String file = in.getFileName().toString();
        return file.substring(0, file.length() - IN.length());
    }

    /** The documents of a multi-document YAML file as a snapshot; locations name the file and line. */
    public static Snapshot snapshot(Path file) throws IOException {
        return Snapshot.of(documents(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }

    /**
     * Parses multi-document YAML text into documents as a file source would: the key comes from {@code kind},
     * the group of {@code apiVersion} and {@code metadata}; empty documents are skipped.
     */
    public static List<KubernetesDocument> documents(String origin, String yaml) {
        List<KubernetesDocument> documents = new ArrayList<>();
        String[] lines = yaml.split("\n", -1);
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].matches("^---\\s*$")) {
                document(origin, lines, start, i).ifPresent(documents::add);
                start = i + 1;
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Optional<KubernetesDocument> document(String origin, String[] lines, int from, int to) {
        String text = String.join("\n", java.util.Arrays.copyOfRange(lines, from, to));
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(text);
        if (!(parsed instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        int line = from + 1;
        while (line <= to && (lines[line - 1].isBlank() || lines[line - 1].trim().startsWith("#"))) {
            line++;
        }
        Map<String, Object> content = (Map<String, Object>) parsed;
        String apiVersion = String.valueOf(content.getOrDefault("apiVersion", ""));
        Map<String, Object> metadata = content.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        ResourceKey key = new ResourceKey(ResourceKey.groupOf(apiVersion), String.valueOf(content.getOrDefault("kind", "")),
                String.valueOf(metadata.getOrDefault("namespace", "")), String.valueOf(metadata.getOrDefault("name", "")));
        return Optional.of(new KubernetesDocument(key, apiVersion, content, new SourceLocation(origin, line)));
    }

    /** The result as deterministic YAML: statuses, problems, then the IR (each rule once, matches name it). */
    public static String render(TranslationResult result) {
        Map<String, Object> tree = new LinkedHashMap<>();
        // Fresh collections everywhere, so the YAML has no anchors for shared (empty) lists.
        tree.put("statuses", tree(result.statuses().stream().map(GoldenFiles::resource).toList()));
        tree.put("problems", tree(result.problems().stream().map(ConfigProblem::toString).toList()));
        tree.put("ir", ir(result.ir()));
        tree.put("rules", rules(result.ir()));
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120)
                .setIndent(2).setIndicatorIndent(0).build();
        return new Dump(settings).dumpToString(tree);
    }

    private static Map<String, Object> resource(ResourceStatus status) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("apiVersion", status.apiVersion());
        r.put("kind", status.key().kind());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", status.key().name());
        if (!status.key().namespace().isEmpty()) {
            metadata.put("namespace", status.key().namespace());
        }
        if (status.generation() != 0) {
            metadata.put("generation", status.generation());
        }
        r.put("metadata", metadata);
        r.put("status", status.status());
        return r;
    }

    /** The IR's tree; {@code servicePolicies} only when there are some, so cases without policies read as before. */
    @SuppressWarnings("unchecked")
    private static Object ir(Ir ir) {
        Map<String, Object> tree = (Map<String, Object>) tree(ir);
        if (ir.servicePolicies().isEmpty()) {
            tree.remove("servicePolicies");
        }
        return tree;
    }

    private static List<Object> rules(Ir ir) {
        Map<String, IrRule> rules = new LinkedHashMap<>();
        ir.sockets().forEach(s -> s.listeners().forEach(l -> l.virtualHosts().forEach(v -> v.matches()
                .forEach(m -> rules.putIfAbsent(m.rule().name(), m.rule())))));
        List<Object> out = new ArrayList<>();
        rules.values().forEach(rule -> out.add(tree(rule)));
        return out;
    }

    /**
     * Records as maps of their components (a match's rule by name only; components marked {@link JsonIgnore}, such
     * as key material, left out as in {@code /config}), Optionals unwrapped, enums by name.
     */
    private static Object tree(Object value) {
        if (value instanceof Record record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                if (c.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                Object v;
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    // Plugin specs are often package-private records.
                    accessor.setAccessible(true);
                    v = accessor.invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (v instanceof Optional<?> o && o.isEmpty()) {
                    continue;
                }
                map.put(c.getName(), record instanceof IrRouteMatch && c.getName().equals("rule")
                        ? ((IrRule) v).name() : tree(v));
            }
            return map;
        }
        if (value instanceof Optional<?> o) {
            return tree(o.get());
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(tree(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, v) -> map.put(String.valueOf(k), tree(v)));
            return map;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value == null) {
            return value;
        }
        return value.toString();
    }
}
