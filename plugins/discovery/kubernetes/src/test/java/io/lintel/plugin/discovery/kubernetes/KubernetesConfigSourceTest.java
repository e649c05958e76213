package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.kind.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesConfigSourceTest {

    static final String GROUP = WatchedKind.GATEWAY_GROUP;
    static final ResourceKey ROUTE = new ResourceKey(GROUP, "HTTPRoute", "apps", "web");
    /** TLSRoute as the route-tls plugin registers it. */
    static final ResourceKind TLS_ROUTE = ResourceKind.of(GROUP, "TLSRoute", "v1", "v1alpha3", "v1alpha2");
    /** BackendTLSPolicy as the policy-backend-tls plugin registers it. */
    static final ResourceKind BACKEND_TLS_POLICY = ResourceKind.of(GROUP, "BackendTLSPolicy", "v1", "v1alpha3");
    /** ListenerSet as the listenerset plugin registers it. */
    static final ResourceKind LISTENER_SET = ResourceKind.of(GROUP, "ListenerSet", "v1");
    /** The kind of the route-grpc plugin: v1 only. */
    static final ResourceKind GRPC_ROUTE = ResourceKind.of(GROUP, "GRPCRoute", "v1");

    static final String ROUTE_YAML = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: apps}
            spec:
              parentRefs: [{name: gw}]
              rules: [{backendRefs: [{name: web, port: 80}]}]
            """;

    private MockApiServer mock;
    private KubernetesConfigSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private KubernetesConfigSource start(RecordingSink sink, String... settings) throws Exception {
        return start(sink, List.of(), settings);
    }

    private KubernetesConfigSource start(RecordingSink sink, List<ResourceKind> pluginKinds, String... settings)
            throws Exception {
        source = new KubernetesConfigSource(KubernetesSourceSettings.parse(mock.settings(settings)), KubernetesClients::create,
                pluginKinds);
        source.start(sink);
        return source;
    }

    @Test
    void pushesWhatTheServerHoldsThenMarksSynced() throws Exception {
        mock = MockApiServer.start();
        mock.apply(ROUTE_YAML + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: apps}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, namespace: apps, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                endpoints: [{addresses: [127.0.0.1]}]
                ports: [{port: 8080}]
                """);
        RecordingSink sink = new RecordingSink();

        start(sink, KubernetesSourceSettings.LEADER_ELECTION, "false");

        assertThat(sink.synced).isTrue();
        assertThat(sink.documents).containsKeys(ROUTE, new ResourceKey(GROUP, "GatewayClass", "", "lintel"),
                new ResourceKey("", "Service", "apps", "web"), new ResourceKey("discovery.k8s.io", "EndpointSlice", "apps", "web-1"));
        KubernetesDocument route = sink.documents.get(ROUTE);
        assertThat(route.apiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.location().origin()).isEqualTo("kubernetes:/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes/web");
        assertThat(metadata(route)).containsEntry("generation", 1L).doesNotContainKey("resourceVersion");
        assertThat(route.content()).containsKey("spec").doesNotContainKey("status");
        assertThat(source.healthy()).isTrue();
        assertThat(source.describe()).startsWith("watching " + mock.url()).contains("all namespaces");
        // a plugin kind (ListenerSet, the listenerset plugin's) is watched only when a loaded plugin reads it
        assertThat(source.servedKind(new ResourceKey(GROUP, "ListenerSet", "a", "b"))).isEmpty();
    }

    @Test
    void followsCreatesEditsAndDeletes() throws Exception {
        mock = MockApiServer.start();
        RecordingSink sink = new RecordingSink();
        start(sink, KubernetesSourceSettings.LEADER_ELECTION, "false");

        mock.apply(ROUTE_YAML);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.documents.containsKey(ROUTE));

        GenericKubernetesResource edited = Yaml.parse(mock.client(), ROUTE_YAML.replace("name: web, port: 80", "name: web2, port: 80")).get(0);
        mock.client().resource(edited).update();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sink.documents.get(ROUTE).content().toString()).contains("web2");
            assertThat(metadata(sink.documents.get(ROUTE))).containsEntry("generation", 2L);
        });

        mock.client().resource(edited).delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.documents.containsKey(ROUTE));
    }

    @Test
    void aMissingExperimentalKindIsReportedNotFatalAndWatchedOnceServed() throws Exception {
        mock = MockApiServer.start("TLSRoute");
        RecordingSink sink = new RecordingSink();
        start(sink, List.of(TLS_ROUTE), KubernetesSourceSettings.LEADER_ELECTION, "false",
                KubernetesSourceSettings.REDISCOVERY_INTERVAL_MILLIS, "200");

        assertThat(sink.synced).isTrue();
        assertThat(source.describe()).contains("not served: gateway.networking.k8s.io/TLSRoute: not served in "
                + "gateway.networking.k8s.io/v1, gateway.networking.k8s.io/v1alpha3, gateway.networking.k8s.io/v1alpha2");

        mock.register(GROUP, "v1alpha2", "TLSRoute", "tlsroutes", "Namespaced");
        mock.apply("""
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TLSRoute
                metadata: {name: tls, namespace: apps}
                spec: {parentRefs: [{name: gw}]}
                """);
        ResourceKey tlsRoute = new ResourceKey(GROUP, "TLSRoute", "apps", "tls");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.documents.containsKey(tlsRoute));
        assertThat(sink.documents.get(tlsRoute).apiVersion()).isEqualTo("gateway.networking.k8s.io/v1alpha2");
        assertThat(source.describe()).doesNotContain("not served");
    }

    @Test
    void theKindsOfLoadedPluginsAreWatchedAndNoOthers() throws Exception {
        mock = MockApiServer.start();
        mock.apply("""
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TLSRoute
                metadata: {name: tls, namespace: apps}
                spec: {parentRefs: [{name: gw}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TCPRoute
                metadata: {name: tcp, namespace: apps}
                spec: {parentRefs: [{name: gw}]}
                ---
                """ + ROUTE_YAML);
        RecordingSink sink = new RecordingSink();
        // as with the route-tls plugin loaded and route-tcp removed
        start(sink, List.of(TLS_ROUTE), KubernetesSourceSettings.LEADER_ELECTION, "false");

        assertThat(sink.synced).isTrue();
        assertThat(sink.documents).containsKeys(ROUTE, new ResourceKey(GROUP, "TLSRoute", "apps", "tls"))
                .doesNotContainKey(new ResourceKey(GROUP, "TCPRoute", "apps", "tcp"));
        assertThat(sink.documents.get(new ResourceKey(GROUP, "TLSRoute", "apps", "tls")).apiVersion())
                .isEqualTo("gateway.networking.k8s.io/v1alpha2");
    }

    @Test
    void aGrpcRouteServedOnlyInV1alpha2IsNotRead() throws Exception {
        // a pre-v1.2 install: its GRPCRoute v1alpha2 is not a version the route-grpc plugin reads, so it is not
        // watched at all
        mock = MockApiServer.start("GRPCRoute");
        mock.register(GROUP, "v1alpha2", "GRPCRoute", "grpcroutes", "Namespaced");
        RecordingSink sink = new RecordingSink();
        start(sink, List.of(GRPC_ROUTE), KubernetesSourceSettings.LEADER_ELECTION, "false");

        assertThat(sink.synced).isTrue();
        assertThat(source.servedKind(new ResourceKey(GROUP, "GRPCRoute", "a", "b"))).isEmpty();
        assertThat(source.describe()).contains(
                "not served: gateway.networking.k8s.io/GRPCRoute: not served in gateway.networking.k8s.io/v1 ");
    }

    @Test
    void usesOnlyServedVersions() throws Exception {
        mock = MockApiServer.start();
        RecordingSink sink = new RecordingSink();
        start(sink, List.of(GRPC_ROUTE, BACKEND_TLS_POLICY, LISTENER_SET), KubernetesSourceSettings.LEADER_ELECTION,
                "false");

        // v1.2 serves ReferenceGrant as v1beta1 only (v1alpha2 is gone) and GRPCRoute as v1.
        assertThat(source.servedKind(new ResourceKey(GROUP, "ReferenceGrant", "a", "b"))).get()
                .extracting(ServedKind::version).isEqualTo("v1beta1");
        assertThat(source.servedKind(new ResourceKey(GROUP, "GRPCRoute", "a", "b"))).get()
                .extracting(ServedKind::version).isEqualTo("v1");
        assertThat(source.servedKind(new ResourceKey(GROUP, "BackendTLSPolicy", "a", "b"))).get()
                .extracting(ServedKind::version).isEqualTo("v1alpha3");
        assertThat(source.servedKind(new ResourceKey(GROUP, "ListenerSet", "a", "b"))).get()
                .extracting(ServedKind::version).isEqualTo("v1");
    }

    @Test
    void aNamespaceRestrictionLimitsWhatIsRead() throws Exception {
        mock = MockApiServer.start();
        mock.apply(ROUTE_YAML + "---\n" + ROUTE_YAML.replace("namespace: apps", "namespace: other") + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: apps}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: other}
                """);
        RecordingSink sink = new RecordingSink();

        start(sink, KubernetesSourceSettings.LEADER_ELECTION, "false", KubernetesSourceSettings.NAMESPACE, "apps");

        assertThat(sink.documents).containsKeys(ROUTE, new ResourceKey("", "Namespace", "", "apps"))
                .doesNotContainKeys(new ResourceKey(GROUP, "HTTPRoute", "other", "web"), new ResourceKey("", "Namespace", "", "other"));
        assertThat(source.describe()).contains("namespace apps");
    }

    @Test
    void readsTheServerFromAKubeconfig(@TempDir Path directory) throws Exception {
        mock = MockApiServer.start();
        mock.apply(ROUTE_YAML);
        Path kubeconfig = directory.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: me, user: {token: abc}}]
                contexts: [{name: test, context: {cluster: mock, user: me, namespace: apps}}]
                current-context: test
                """.formatted(mock.url()));
        RecordingSink sink = new RecordingSink();
        source = new KubernetesConfigSource(KubernetesSourceSettings.parse(Map.of(
                KubernetesSourceSettings.KUBECONFIG, kubeconfig.toString(),
                KubernetesSourceSettings.LEADER_ELECTION, "false")), KubernetesClients::create);

        source.start(sink);

        assertThat(sink.documents).containsKey(ROUTE);
    }

    @Test
    void aProvisionedDataPlaneServesOnlyItsGateway() throws Exception {
        mock = MockApiServer.start();
        String gateway = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: NAME, namespace: apps}
                spec: {gatewayClassName: lintel, listeners: [{name: http, port: 80, protocol: HTTP}]}
                """;
        mock.apply(gateway.replace("NAME", "one") + "---\n" + gateway.replace("NAME", "two"));
        RecordingSink sink = new RecordingSink();

        start(sink, KubernetesSourceSettings.GATEWAY, "apps/one", KubernetesSourceSettings.WRITE_STATUS, "false");

        assertThat(sink.documents).containsKey(new ResourceKey(GROUP, "Gateway", "apps", "one"))
                .doesNotContainKey(new ResourceKey(GROUP, "Gateway", "apps", "two"));
        assertThat(source.statusWriter()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(KubernetesDocument document) {
        return (Map<String, Object>) document.content().get("metadata");
    }
}
