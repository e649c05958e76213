package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrServicePolicy;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.testing.TestTls;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.policy.PolicySpec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The admin JSON documents: streamed output equals the whole-document form; filters select resources. */
class AdminJsonTest {

    private static final String GROUP = "gateway.networking.k8s.io";
    private static final ObjectMapper READER = new ObjectMapper();

    /** How /status was rendered before it streamed: one map, serialised at once (the conformance runner reads it). */
    private static final ObjectMapper WHOLE_DOCUMENT = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final AdminJson json = new AdminJson();

    @Test
    void unfilteredStatusIsByteForByteTheWholeDocument() throws Exception {
        List<ResourceStatus> statuses = statuses();
        List<ConfigProblem> problems = problems();

        byte[] streamed = json.status(statuses, problems);

        assertThat(new String(streamed, StandardCharsets.UTF_8))
                .isEqualTo(new String(wholeDocument(statuses, problems), StandardCharsets.UTF_8));
    }

    @Test
    void emptyStatusIsByteForByteTheWholeDocument() throws Exception {
        assertThat(new String(json.status(List.of(), List.of()), StandardCharsets.UTF_8))
                .isEqualTo(new String(wholeDocument(List.of(), List.of()), StandardCharsets.UTF_8));
    }

    /**
     * AdminJson writes with Jackson 3; {@link #WHOLE_DOCUMENT} is Jackson 2 with the jdk8 and jsr310 modules, what it
     * wrote before. Every golden case's /status and /config must come out byte for byte the same (property order,
     * enums, Optionals, Durations, plugin filter specs).
     */
    @TestFactory
    Stream<DynamicTest> everyGoldenCaseRendersAsJackson2Did() throws Exception {
        Map<String, PluginRegistry> registries = new LinkedHashMap<>();
        registries.put("core", PluginRegistry.EMPTY);
        registries.put("tls", TestTls.REGISTRY);
        registries.put("fake-filters", registry("io.lintel.core.translate.FakeFilters"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, PluginRegistry> entry : registries.entrySet()) {
            List<Path> inputs;
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden", entry.getKey()))) {
                inputs = files.filter(p -> p.getFileName().toString().endsWith(".in.yaml")).sorted().toList();
            }
            assertThat(inputs).isNotEmpty();
            for (Path in : inputs) {
                tests.add(DynamicTest.dynamicTest(entry.getKey() + "/" + in.getFileName(), () -> {
                    TranslationResult result = new Translator(GoldenFiles.SETTINGS, entry.getValue())
                            .translate(GoldenFiles.snapshot(in), GoldenFiles.NOW);
                    assertThat(new String(json.status(result.statuses(), result.problems()), StandardCharsets.UTF_8))
                            .isEqualTo(new String(wholeDocument(result.statuses(), result.problems()), StandardCharsets.UTF_8));
                    assertThat(new String(json.config(result.ir()), StandardCharsets.UTF_8))
                            .isEqualTo(WHOLE_DOCUMENT.writeValueAsString(result.ir()));
                }));
            }
        }
        return tests.stream();
    }

    /** The {@code REGISTRY} of a package-private test registry of the translate package. */
    private static PluginRegistry registry(String className) throws Exception {
        Field field = Class.forName(className).getDeclaredField("REGISTRY");
        field.setAccessible(true);
        return (PluginRegistry) field.get(null);
    }

    @Test
    void unfilteredConfigIsTheIrAsJacksonWritesIt() throws Exception {
        Ir ir = ir();

        assertThat(new String(json.config(ir), StandardCharsets.UTF_8))
                .isEqualTo(WHOLE_DOCUMENT.writeValueAsString(ir));
    }

    @Test
    void statusFiltersByKindNamespaceAndNameTogether() throws Exception {
        JsonNode document = status(new ResourceFilter(java.util.Set.of("HTTPRoute"), java.util.Set.of("default"), java.util.Set.of()));

        assertThat(names(document.path("items"))).containsExactly("HTTPRoute default/web", "HTTPRoute default/shop");
        assertThat(document.path("problems")).hasSize(1);
        assertThat(document.at("/problems/0/resource").asText()).isEqualTo("HTTPRoute default/web");
    }

    @Test
    void statusFiltersByNameAcrossKinds() throws Exception {
        JsonNode document = status(ResourceFilter.of("/status", Map.of("name", List.of("web"))));

        assertThat(names(document.path("items"))).containsExactly("HTTPRoute default/web", "HTTPRoute other/web");
    }

    @Test
    void statusFilterWithSeveralValuesMatchesAnyOfThem() throws Exception {
        JsonNode document = status(ResourceFilter.of("/status", Map.of("kind", List.of("Gateway", "GatewayClass"))));

        assertThat(names(document.path("items"))).containsExactly("GatewayClass /lintel", "Gateway default/gw");
        assertThat(document.path("problems")).isEmpty();
    }

    @Test
    void anEmptyNamespaceSelectsClusterScopedResources() throws Exception {
        JsonNode document = status(ResourceFilter.of("/status", Map.of("namespace", List.of(""))));

        assertThat(names(document.path("items"))).containsExactly("GatewayClass /lintel");
    }

    @Test
    void rejectsUnknownQueryParameters() {
        assertThatThrownBy(() -> ResourceFilter.of("/status", Map.of("namespce", List.of("default"), "kind", List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /status")
                .hasMessageContaining("[namespce]")
                .hasMessageContaining("expected: kind, namespace, name");
    }

    @Test
    void configForARouteKeepsOnlyItsMatchesAndTheirListeners() throws Exception {
        JsonNode document = config(ResourceFilter.of("/config", Map.of("kind", List.of("HTTPRoute"), "name", List.of("shop"))));

        assertThat(document.path("sockets")).hasSize(1);
        JsonNode listener = document.at("/sockets/0/listeners/0");
        assertThat(listener.path("name").asText()).isEqualTo("gateway/default/gw/listener/http");
        assertThat(listener.path("virtualHosts")).hasSize(1);
        assertThat(listener.at("/virtualHosts/0/hostname").asText()).isEqualTo("shop.example");
        assertThat(listener.at("/virtualHosts/0/matches")).hasSize(1);
        assertThat(listener.at("/virtualHosts/0/matches/0/name").asText()).isEqualTo("httproute/default/shop/rule/0/match/0");
    }

    @Test
    void configForAGatewayKeepsItsListenersWhole() throws Exception {
        JsonNode document = config(ResourceFilter.of("/config", Map.of("kind", List.of("Gateway"), "name", List.of("relay"))));

        assertThat(document.path("sockets")).hasSize(1);
        assertThat(document.at("/sockets/0/port").asInt()).isEqualTo(8443);
        assertThat(document.at("/sockets/0/listeners/0/passthrough/routes")).hasSize(2);
    }

    @Test
    void configForARelayedRouteKeepsOnlyThatRoute() throws Exception {
        JsonNode document = config(ResourceFilter.of("/config", Map.of("kind", List.of("TLSRoute"), "name", List.of("db"))));

        JsonNode routes = document.at("/sockets/0/listeners/0/passthrough/routes");
        assertThat(routes).hasSize(1);
        assertThat(routes.at("/0/name").asText()).isEqualTo("tlsroute/default/db");
    }

    @Test
    void configOfNothingSelectedHasNoSockets() throws Exception {
        JsonNode document = config(ResourceFilter.of("/config", Map.of("namespace", List.of("nowhere"))));

        assertThat(document.path("sockets")).isEmpty();
    }

    @Test
    void aServicePolicysCheckedEndpointsAreListedWithTheirLiveVerdicts() throws Exception {
        ResourceKey policy = new ResourceKey("lintel.io", "BackendHealthPolicy", "shop", "health");
        Ir ir = new Ir(List.of(), List.of(new IrServicePolicy("lintel.io", "BackendHealthPolicy", "shop/health",
                new TestPolicySpec("/healthz"), "shop", "api", "http",
                List.of(new IrEndpoint("10.0.0.1", 3000), new IrEndpoint("10.0.0.2", 3000)))));
        Map<String, Boolean> verdicts = Map.of("10.0.0.1:3000", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeStatus(out, List.of(new ResourceStatus(policy, "lintel.io/v1alpha1", 1, Map.of("ancestors", List.of()))),
                List.of(), ResourceFilter.ALL, EndpointHealthView.of(ir, verdicts));
        JsonNode item = READER.readTree(out.toByteArray()).at("/items/0");

        assertThat(item.at("/endpoints/0/backend").asText()).isEqualTo("shop/api:http");
        assertThat(item.at("/endpoints/0/endpoint").asText()).isEqualTo("10.0.0.1:3000");
        assertThat(item.at("/endpoints/0/healthy").asBoolean(true)).isFalse();
        assertThat(item.at("/endpoints/1/healthy").isNull()).as("no verdict yet").isTrue();

        ByteArrayOutputStream config = new ByteArrayOutputStream();
        json.writeConfig(config, ir, ResourceFilter.ALL, verdicts);
        JsonNode document = READER.readTree(config.toByteArray());
        assertThat(document.at("/servicePolicies/0/spec/path").asText()).isEqualTo("/healthz");
        assertThat(document.at("/endpointHealth").toString()).isEqualTo("{\"10.0.0.1:3000\":false}");
    }

    private record TestPolicySpec(String path) implements PolicySpec {}

    private JsonNode status(ResourceFilter filter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeStatus(out, statuses(), problems(), filter);
        return READER.readTree(out.toByteArray());
    }

    private JsonNode config(ResourceFilter filter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeConfig(out, ir(), filter);
        return READER.readTree(out.toByteArray());
    }

    private static List<String> names(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.path("kind").asText() + " " + item.at("/metadata/namespace").asText() + "/"
                        + item.at("/metadata/name").asText())
                .toList();
    }

    private static byte[] wholeDocument(List<ResourceStatus> statuses, List<ConfigProblem> problems) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ResourceStatus status : statuses) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", status.key().name());
            if (!status.key().namespace().isEmpty()) {
                metadata.put("namespace", status.key().namespace());
            }
            if (status.generation() > 0) {
                metadata.put("generation", status.generation());
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("apiVersion", status.apiVersion());
            item.put("kind", status.key().kind());
            item.put("metadata", metadata);
            item.put("status", status.status());
            items.add(item);
        }
        List<Map<String, Object>> problemList = new ArrayList<>();
        for (ConfigProblem problem : problems) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("location", problem.location().toString());
            entry.put("resource", problem.resource().map(Object::toString).orElse(null));
            entry.put("field", problem.fieldPath());
            entry.put("message", problem.message());
            problemList.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("items", items);
        document.put("problems", problemList);
        return WHOLE_DOCUMENT.writeValueAsBytes(document);
    }

    private static List<ResourceStatus> statuses() {
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("type", "Accepted");
        accepted.put("status", "True");
        accepted.put("observedGeneration", 2);
        return List.of(
                new ResourceStatus(new ResourceKey(GROUP, "GatewayClass", "", "lintel"), GROUP + "/v1", 0,
                        Map.of("conditions", List.of(accepted))),
                new ResourceStatus(new ResourceKey(GROUP, "Gateway", "default", "gw"), GROUP + "/v1", 1,
                        Map.of("addresses", List.of(), "listeners", List.of(Map.of("name", "http", "attachedRoutes", 2)))),
                new ResourceStatus(new ResourceKey(GROUP, "HTTPRoute", "default", "web"), GROUP + "/v1", 2,
                        Map.of("parents", List.of(Map.of("parentRef", Map.of("name", "gw"), "conditions", List.of(accepted))))),
                new ResourceStatus(new ResourceKey(GROUP, "HTTPRoute", "default", "shop"), GROUP + "/v1", 5,
                        Map.of("parents", List.of())),
                new ResourceStatus(new ResourceKey(GROUP, "HTTPRoute", "other", "web"), GROUP + "/v1", 1,
                        Map.of()));
    }

    private static List<ConfigProblem> problems() {
        return List.of(
                new ConfigProblem(new SourceLocation("/etc/lintel/route.yaml", 7),
                        Optional.of(new ResourceKey(GROUP, "HTTPRoute", "default", "web")), "spec.rules[0]", "must start with /"),
                new ConfigProblem(new SourceLocation("/etc/lintel/broken.yaml", 0), Optional.empty(), "", "not YAML"));
    }

    private static Ir ir() {
        IrRouteMatch web = match("httproute/default/web/rule/0");
        IrRouteMatch shop = match("httproute/default/shop/rule/0");
        IrListener http = new IrListener("gateway/default/gw/listener/http", "*", List.of(
                new IrVirtualHost("shop.example", List.of(shop, web)),
                new IrVirtualHost("*", List.of(web))));
        IrListener relay = IrListener.passthrough("gateway/default/relay/listener/tls", "*", new IrPassthrough(List.of(
                new IrTlsRoute("tlsroute/default/db", "db.example", List.of()),
                new IrTlsRoute("tlsroute/default/cache", "cache.example", List.of()))));
        return new Ir(List.of(
                new IrSocket("0.0.0.0", 8080, IrProtocol.HTTP, List.of(http)),
                new IrSocket("0.0.0.0", 8443, IrProtocol.TLS, List.of(relay))));
    }

    private static IrRouteMatch match(String rule) {
        IrRule irRule = new IrRule(rule, Optional.empty(), List.of(),
                List.of(new IrBackend("default/web:80", 1, "", List.of(new IrEndpoint("127.0.0.1", 8081)), 0, List.of())), 0);
        return new IrRouteMatch(rule + "/match/0", IrPathMatch.MATCH_ALL, List.of(), List.of(), Optional.empty(), irRule);
    }
}
