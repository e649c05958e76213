package io.lintel.core.translate.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One refused and one accepted object per constraint of the Gateway API v1.6 experimental CRDs, as a table: each
 * file of {@code src/test/resources/validation/} holds a {@code base} spec per kind and {@code cases}, each with a
 * {@code kind} (and optional {@code apiVersion}), a {@code spec} whose top-level fields replace the base's, and
 * either {@code refused: "<field path>: <message start>"} or {@code accepted: true}. {@code inventory.txt} lists every
 * constraint of the CRDs with the cases that exercise it; {@link #inventoryNamesCasesOfTheRightVerdict} keeps it honest.
 */
class CrdConstraintsTest {

    /**
     * The plugins' tables (kind, path from this module), which the inventory's rows of stream routes,
     * BackendTLSPolicy and ListenerSet name.
     */
    private static final List<String[]> PLUGIN_TABLES = List.of(
            new String[] {"GRPCRoute", "../plugins/routes/route-grpc/src/test/resources/validation/grpcroute.yaml"},
            new String[] {"TLSRoute", "../plugins/routes/route-tls/src/test/resources/validation/tlsroute.yaml"},
            new String[] {"TCPRoute", "../plugins/routes/route-tcp/src/test/resources/validation/tcproute.yaml"},
            new String[] {"UDPRoute", "../plugins/routes/route-udp/src/test/resources/validation/udproute.yaml"},
            new String[] {"BackendTLSPolicy",
                    "../plugins/policies/backend-tls/src/test/resources/validation/backendtlspolicy.yaml"},
            new String[] {"ListenerSet", "../plugins/listenerset/src/test/resources/validation/listenerset.yaml"});

    private static final List<String> FILES = List.of("gateway.yaml", "httproute.yaml", "other-kinds.yaml",
            "gateway-more.yaml", "httproute-more.yaml", "other-kinds-more.yaml");
    private final ResourceValidator validator = new ResourceValidator();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String file : FILES) {
            Map<?, ?> table;
            try (InputStream in = CrdConstraintsTest.class.getResourceAsStream("/validation/" + file)) {
                table = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            }
            Map<?, ?> base = (Map<?, ?>) table.get("base");
            for (Object c : (List<?>) table.get("cases")) {
                Map<?, ?> one = (Map<?, ?>) c;
                all.add(Arguments.of(file + ": " + one.get("name"), one, base.get(one.get("kind"))));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdictAsTheApiServer(String name, Map<?, ?> testCase, Map<?, ?> baseSpec) {
        String kind = (String) testCase.get("kind");
        Map<String, Object> spec = new LinkedHashMap<>();
        if (baseSpec != null) {
            baseSpec.forEach((k, v) -> spec.put((String) k, v));
        }
        ((Map<?, ?>) testCase.get("spec")).forEach((k, v) -> spec.put((String) k, v));
        spec.values().removeIf(v -> v == null);
        Map<String, Object> document = new LinkedHashMap<>();
        String group = kind.startsWith("X") ? "gateway.networking.x-k8s.io" : ResourceValidator.GATEWAY_GROUP;
        document.put("apiVersion", testCase.get("apiVersion") instanceof String v ? v : group + "/v1");
        document.put("kind", kind);
        document.put("metadata", Map.of("name", "test", "namespace", "default"));
        document.put("spec", spec);

        List<String> found = validator.validate(group, kind, document).stream()
                .map(v -> v.fieldPath() + ": " + v.message()).toList();

        if (Boolean.TRUE.equals(testCase.get("accepted"))) {
            assertThat(found).as("violations of an object the API server accepts").isEmpty();
        } else {
            String expected = (String) testCase.get("refused");
            assertThat(expected).as("case needs `refused` or `accepted: true`").isNotNull();
            assertThat(found).as("violations").anySatisfy(v -> assertThat(v).startsWith(expected));
        }
    }

    /**
     * Every case {@code inventory.txt} names as refusing (accepting) an object for a constraint of a kind exists, is of
     * that kind and is a refused (accepted) case; case names are unique across the tables.
     */
    @Test
    void inventoryNamesCasesOfTheRightVerdict() throws IOException {
        Map<String, Map<?, ?>> byName = new HashMap<>();
        cases().forEach(a -> {
            Map<?, ?> c = (Map<?, ?>) a.get()[1];
            assertThat(byName.put((String) c.get("name"), c)).as("case name %s is unique", c.get("name")).isNull();
        });
        // GRPCRoute, TLSRoute, TCPRoute, UDPRoute, BackendTLSPolicy and ListenerSet are validated by their plugins,
        // whose tables hold the cases the inventory names
        for (String[] table : PLUGIN_TABLES) {
            Map<?, ?> loaded;
            try (InputStream in = Files.newInputStream(Path.of(table[1]))) {
                loaded = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            }
            for (Object c : (List<?>) loaded.get("cases")) {
                Map<Object, Object> one = new HashMap<>((Map<?, ?>) c);
                one.put("kind", table[0]);
                assertThat(byName.put((String) one.get("name"), one)).as("case name %s is unique", one.get("name")).isNull();
            }
        }
        List<String> problems = new ArrayList<>();
        int rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CrdConstraintsTest.class.getResourceAsStream("/validation/inventory.txt"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows++;
                String[] f = line.split(" \\| ", -1);
                assertThat(f).as("inventory line %s", line).hasSize(6);
                check(byName, f[0], f[4], true, line, problems);
                check(byName, f[0], f[5], false, line, problems);
            }
        }
        assertThat(rows).isGreaterThan(800);
        assertThat(problems).isEmpty();
    }

    private static void check(Map<String, Map<?, ?>> byName, String kind, String name, boolean refused, String line,
            List<String> problems) {
        if (name.equals("-")) {
            return;
        }
        Map<?, ?> c = byName.get(name);
        if (c == null) {
            problems.add("no case \"" + name + "\" (" + line + ")");
        } else if (!kind.equals(c.get("kind"))) {
            problems.add("case \"" + name + "\" is of kind " + c.get("kind") + " (" + line + ")");
        } else if (refused != (c.get("refused") != null)) {
            problems.add("case \"" + name + "\" is not " + (refused ? "refused" : "accepted") + " (" + line + ")");
        }
    }
}
