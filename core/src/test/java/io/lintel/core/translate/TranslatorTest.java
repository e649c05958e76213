package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrRule;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslatorTest {

    private static final String BASE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: ns, generation: 3}
            spec:
              gatewayClassName: lintel
              listeners:
              - {name: http, port: 80, protocol: HTTP}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc, namespace: ns}
            spec:
              ports:
              - {port: 8080}
            """;

    private static Snapshot snapshot(String yaml) {
        return Snapshot.of(GoldenFiles.documents("test.yaml", yaml));
    }

    private static TranslationResult translate(String yaml, PluginRegistry registry) {
        return new Translator(GoldenFiles.SETTINGS, registry).translate(snapshot(yaml), GoldenFiles.NOW);
    }

    private static IrRule onlyRule(TranslationResult result) {
        return result.ir().sockets().get(0).listeners().get(0).virtualHosts().get(0).matches().get(0).rule();
    }

    @Test
    void sameInputInAnyOrderGivesTheSameResult() {
        String yaml = BASE + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - backendRefs: [{name: svc, port: 8080}]
                """;
        List<io.lintel.spi.config.KubernetesDocument> documents = new ArrayList<>(GoldenFiles.documents("t.yaml", yaml));
        TranslationResult first = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY)
                .translate(Snapshot.of(documents), GoldenFiles.NOW);
        Collections.reverse(documents);
        TranslationResult second = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY)
                .translate(Snapshot.of(documents), GoldenFiles.NOW);

        assertThat(second).isEqualTo(first);
        assertThat(GoldenFiles.render(second)).isEqualTo(GoldenFiles.render(first));
    }

    @Test
    void conditionsCarryTheGenerationAndTheTime() {
        TranslationResult result = translate(BASE, PluginRegistry.EMPTY);

        ResourceStatus gateway = result.statuses().stream().filter(s -> s.key().kind().equals("Gateway")).findFirst().orElseThrow();
        assertThat(gateway.generation()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) gateway.status().get("conditions");
        assertThat(conditions).allSatisfy(c -> assertThat(c)
                .containsEntry("observedGeneration", 3L)
                .containsEntry("lastTransitionTime", "2024-01-01T00:00:00Z"));
    }

    @Test
    void aValidFilterBecomesAnIrFilterOfItsFactory() {
        TranslationResult result = translate(BASE + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier:
                        set: [{name: x-a, value: b}]
                    backendRefs: [{name: svc, port: 8080}]
                """, FakeFilters.REGISTRY);

        IrRule rule = onlyRule(result);
        assertThat(rule.directResponseStatus()).isZero();
        assertThat(rule.filters()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(io.lintel.spi.filter.FilterKey.filterType("RequestHeaderModifier"));
            assertThat(((FakeFilters.FakeSpec) f.spec()).config()).containsKey("set");
        });
    }

    @Test
    void aRejectedFilterMakesTheRuleAnswer500AndTheRouteNotAccepted() {
        TranslationResult result = translate(BASE + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier:
                        remove: [reject]
                    backendRefs: [{name: svc, port: 8080}]
                """, FakeFilters.REGISTRY);

        assertThat(onlyRule(result).directResponseStatus()).isEqualTo(500);
        ResourceStatus route = result.statuses().stream().filter(s -> s.key().kind().equals("HTTPRoute")).findFirst().orElseThrow();
        assertThat(route.status().toString()).contains("type=Accepted, status=False, reason=UnsupportedValue");
    }

    @Test
    void sourceProblemsArePassedThrough() {
        io.lintel.spi.config.ConfigProblem problem = new io.lintel.spi.config.ConfigProblem(
                new io.lintel.spi.config.SourceLocation("x.yaml", 3), java.util.Optional.empty(), "", "does not parse");
        Snapshot snapshot = new Snapshot(1, new java.util.TreeMap<>(), List.of(problem));

        TranslationResult result = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY).translate(snapshot, GoldenFiles.NOW);

        assertThat(result.problems()).containsExactly(problem);
        assertThat(result.ir().sockets()).isEmpty();
    }
}
