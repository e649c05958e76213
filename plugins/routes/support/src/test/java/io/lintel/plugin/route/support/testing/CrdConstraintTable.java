package io.lintel.plugin.route.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.kind.DocumentKind;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One refused and one accepted object per constraint of a kind's CRD, as a table (the format of core's
 * {@code CrdConstraintsTest}): a class path resource with a {@code base} spec and {@code cases}, each with a
 * {@code name}, an optional {@code apiVersion} (default: the kind's first version), a {@code spec} whose top-level
 * fields replace the base's ({@code null} removes one), and either {@code refused: "<field path>: <message start>"} or
 * {@code accepted: true}. Each case is played against the kind's {@code validate}; an accepted one is also
 * {@code describe}d. Serves the route kind plugins ({@link StreamRouteKind}, {@link HttpRouteKind}), the backend
 * TLS policy plugin ({@link BackendTlsPolicyKind}) and the listenerset plugin ({@link ListenerSetKind}).
 */
public final class CrdConstraintTable {

    private CrdConstraintTable() {}

    /** What a table is played against: the kind, its validation and its description. */
    private record Played(ResourceKind kind, Function<KubernetesDocument, List<FieldViolation>> validate,
            Function<KubernetesDocument, Object> describe) {}

    /** The table's cases played against a kind of any family (stream route, HTTP-family route, backend TLS policy). */
    public static Stream<DynamicTest> cases(String resource, DocumentKind<?> kind) {
        return cases(resource, new Played(kind.kind(), kind::validate, kind::describe));
    }

    public static Stream<DynamicTest> cases(String resource, ListenerSetKind kind) {
        return cases(resource, new Played(kind.kind(), kind::validate, kind::describe));
    }

    private static Stream<DynamicTest> cases(String resource, Played kind) {
        Map<?, ?> table;
        try (InputStream in = CrdConstraintTable.class.getResourceAsStream(resource)) {
            assertThat(in).as("class path resource %s", resource).isNotNull();
            table = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<?, ?> base = (Map<?, ?>) table.get("base");
        List<DynamicTest> tests = new ArrayList<>();
        for (Object c : (List<?>) table.get("cases")) {
            Map<?, ?> one = (Map<?, ?>) c;
            tests.add(DynamicTest.dynamicTest(String.valueOf(one.get("name")), () -> check(kind, base, one)));
        }
        return tests.stream();
    }

    private static void check(Played kind, Map<?, ?> base, Map<?, ?> testCase) {
        Map<String, Object> spec = new LinkedHashMap<>();
        base.forEach((k, v) -> spec.put((String) k, v));
        ((Map<?, ?>) testCase.get("spec")).forEach((k, v) -> spec.put((String) k, v));
        spec.values().removeIf(v -> v == null);
        String apiVersion = testCase.get("apiVersion") instanceof String v ? v
                : kind.kind().apiVersion(kind.kind().versions().get(0));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiVersion", apiVersion);
        content.put("kind", kind.kind().kind());
        content.put("metadata", Map.of("name", "test", "namespace", "default"));
        content.put("spec", spec);
        KubernetesDocument document = new KubernetesDocument(
                new ResourceKey(kind.kind().group(), kind.kind().kind(), "default", "test"), apiVersion, content,
                new SourceLocation("table", 0));

        List<String> found = kind.validate().apply(document).stream().map(v -> v.fieldPath() + ": " + v.message())
                .toList();

        if (Boolean.TRUE.equals(testCase.get("accepted"))) {
            assertThat(found).as("violations of an object the API server accepts").isEmpty();
            assertThat(kind.describe().apply(document)).isNotNull();
        } else {
            String expected = (String) testCase.get("refused");
            assertThat(expected).as("case needs `refused` or `accepted: true`").isNotNull();
            assertThat(found).as("violations").anySatisfy(v -> assertThat(v).startsWith(expected));
        }
    }
}
