package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.plugin.PluginReports;
import io.lintel.core.plugin.PolicyPlugins;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A route policy of a test plugin (group {@code test.lintel.io}, kind {@code GuardPolicy}) translated and served by
 * the real proxy: its filter runs on the rules it targets, before the rule's own filters, and not on other rules.
 */
@ExtendWith(NettyLeakDetection.class)
class RoutePolicyProxyTest {

    private static final FilterKey GUARD = FilterKey.extensionRef("test.lintel.io", "GuardPolicy");
    private static final FilterKey TEAPOT = FilterKey.filterType("RequestHeaderModifier");

    record GuardSpec(String header) implements FilterSpec {}

    record TeapotSpec() implements FilterSpec {}

    /** The policy: requests without its header are answered 403; it adds {@code x-guarded} to the others. */
    private static final HttpFilterFactory GUARD_FACTORY = new HttpFilterFactory() {
        @Override
        public FilterKey key() {
            return GUARD;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            return new GuardSpec(String.valueOf(((Map<?, ?>) config.value().get("spec")).get("header")));
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            String header = ((GuardSpec) spec).header();
            return (request, next) -> {
                if (request.headers().get(header) == null) {
                    return CompletableFuture.completedFuture(next.respond(403, "text/plain",
                            "guarded\n".getBytes(StandardCharsets.UTF_8)));
                }
                request.headers().set("x-guarded", "yes");
                return next.proceed(request);
            };
        }
    };

    /** The rule's own filter (standing in for a header modifier): says whether the policy ran before it. */
    private static final HttpFilterFactory RULE_FACTORY = new HttpFilterFactory() {
        @Override
        public FilterKey key() {
            return TEAPOT;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            return new TeapotSpec();
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            return (request, next) -> CompletableFuture.completedFuture(next.respond(418, "text/plain",
                    ("policy ran first: " + (request.headers().get("x-guarded") != null) + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
        }
    };

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NettyDataPlane dataPlane;
    private TestBackend backend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        port = RawHttp.freePort();
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(GUARD, GUARD_FACTORY, TEAPOT, RULE_FACTORY),
                Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES,
                new PolicyPlugins(Map.of("test.lintel.io/GuardPolicy", new PolicyKind("test.lintel.io", "GuardPolicy",
                        List.of("v1"), List.of(PolicyTargetKind.HTTP_ROUTE))), Map.of()), new PluginReports(), List.of());
        TranslationResult result = new Translator(GoldenFiles.SETTINGS, registry).translate(Snapshot.of(
                GoldenFiles.documents("test.yaml", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: GatewayClass
                        metadata: {name: lintel}
                        spec: {controllerName: lintel.io/gateway-controller}
                        ---
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: Gateway
                        metadata: {name: gw, namespace: shop}
                        spec:
                          gatewayClassName: lintel
                          addresses: [{type: IPAddress, value: 127.0.0.1}]
                          listeners: [{name: http, port: %d, protocol: HTTP}]
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata: {name: api, namespace: shop}
                        spec: {ports: [{name: http, port: 80}]}
                        ---
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: api-1, namespace: shop, labels: {kubernetes.io/service-name: api}}
                        addressType: IPv4
                        ports: [{name: http, port: %d}]
                        endpoints: [{addresses: [127.0.0.1]}]
                        ---
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata: {name: web, namespace: shop}
                        spec:
                          parentRefs: [{name: gw}]
                          rules:
                          - name: guarded
                            matches: [{path: {type: PathPrefix, value: /guarded}}]
                            backendRefs: [{name: api, port: 80}]
                          - name: teapot
                            matches: [{path: {type: PathPrefix, value: /teapot}}]
                            filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}]
                            backendRefs: [{name: api, port: 80}]
                          - name: open
                            backendRefs: [{name: api, port: 80}]
                        ---
                        apiVersion: test.lintel.io/v1
                        kind: GuardPolicy
                        metadata: {name: guard, namespace: shop}
                        spec:
                          targetRefs:
                          - {group: gateway.networking.k8s.io, kind: HTTPRoute, name: web, sectionName: guarded}
                          - {group: gateway.networking.k8s.io, kind: HTTPRoute, name: web, sectionName: teapot}
                          header: x-token
                        """.formatted(port, backend.port()))), GoldenFiles.NOW);
        assertThat(result.problems()).isEmpty();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(result.ir())).isEmpty();
    }

    @AfterEach
    void stop() {
        if (dataPlane != null) {
            dataPlane.close();
        }
        backend.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePolicyGuardsTheRulesItTargetsOnly() throws Exception {
        assertThat(get("/guarded").statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = get("/guarded", "x-token", "t");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("A");

        assertThat(get("/open").statusCode()).as("a rule the policy does not target").isEqualTo(200);
    }

    @Test
    void thePolicyRunsBeforeTheRulesOwnFilters() throws Exception {
        assertThat(get("/teapot").statusCode()).as("refused by the policy before the rule's filter answers")
                .isEqualTo(403);
        HttpResponse<String> passed = get("/teapot", "x-token", "t");
        assertThat(passed.statusCode()).isEqualTo(418);
        assertThat(passed.body()).isEqualTo("policy ran first: true\n");
    }
}
