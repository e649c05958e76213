package io.lintel.plugin.discovery.consul;

import static io.lintel.plugin.discovery.consul.StoredDocuments.addresses;
import static io.lintel.plugin.discovery.consul.StoredDocuments.hostnames;
import static io.lintel.plugin.discovery.consul.StoredDocuments.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lintel.consul.fake.CheckStatus;
import io.lintel.consul.fake.FakeConsul;
import io.lintel.consul.fake.RecordedRequest;
import io.lintel.consul.fake.ServiceInstance;
import io.lintel.core.store.ResourceStore;
import io.lintel.core.testing.TestTls;
import io.lintel.spi.config.ResourceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsulConfigSourceTest {

    private static final ResourceKey SERVICE = new ResourceKey("", "Service", "default", "web");
    private static final ResourceKey ROUTE = new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "web");
    private static final String SERVICE_YAML = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              annotations:
                consul.lintel.io/service: web-app
                consul.lintel.io/tag: blue
            spec:
              ports:
                - {name: http, port: 80, protocol: TCP, appProtocol: kubernetes.io/h2c}
            """;

    @TempDir
    Path temp;

    private FakeConsul consul;
    private final ResourceStore store = new ResourceStore(snapshot -> { }, Duration.ofMillis(10));
    private ConsulConfigSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        store.close();
        if (consul != null) {
            consul.close();
        }
    }

    @Test
    void servesEveryDocumentUnderThePrefixOnceSynced() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/services.yaml", SERVICE_YAML.replace("consul.lintel.io", "x") + "---\n" + route("web", "v1"));
        consul.kvPut("lintel/folder/", "");
        consul.kvPut("elsewhere/route.yaml", route("web", "other"));

        start(Map.of());

        assertThat(store.allSynced()).isTrue();
        await().untilAsserted(() -> assertThat(store.current().documents()).containsKeys(SERVICE, ROUTE).hasSize(2));
        assertThat(store.current().documents().get(ROUTE).location().origin()).isEqualTo("consul:kv/lintel/services.yaml");
        assertThat(source.healthy()).isTrue();
        assertThat(source.describe()).isEqualTo("consul " + consul.address() + " prefix lintel/: 1 keys, 1 Services from the catalog");
    }

    @Test
    void appliesWritesAndDeletesAsTheyHappen() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/route.json", "{\"apiVersion\": \"gateway.networking.k8s.io/v1\", \"kind\": \"HTTPRoute\","
                + " \"metadata\": {\"name\": \"web\"}, \"spec\": {\"hostnames\": [\"v1.example\"]}}");
        start(Map.of());

        consul.kvPut("lintel/route.json", route("web", "v2"));
        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v2.example"));

        consul.kvDelete("lintel/route.json");
        await().untilAsserted(() -> assertThat(store.current().documents()).doesNotContainKey(ROUTE));
    }

    @Test
    void aValueThatDoesNotParseIsReportedWhileItsLastGoodContentServes() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        start(Map.of());

        consul.kvPut("lintel/route.yaml", "kind: [broken\n");

        await().untilAsserted(() -> assertThat(store.current().sourceProblems()).singleElement()
                .satisfies(problem -> assertThat(problem.location().origin()).isEqualTo("consul:kv/lintel/route.yaml")));
        assertThat(hostnames(store, ROUTE)).containsExactly("v1.example");
    }

    @Test
    void serviceEndpointsFollowTheHealthyInstancesOfTheCatalog() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/service.yaml", SERVICE_YAML);
        consul.register(ServiceInstance.of("web-1", "web-app", "10.0.0.1", 8080, "blue"));
        consul.register(ServiceInstance.of("web-2", "web-app", "10.0.0.2", 8080, "blue"));
        consul.register(ServiceInstance.of("web-3", "web-app", "10.0.0.3", 8080, "green"));
        start(Map.of());

        ResourceKey slice = new ResourceKey("discovery.k8s.io", "EndpointSlice", "default", "web-consul-ipv4-8080");
        await().untilAsserted(() -> assertThat(addresses(store, slice)).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2"));
        Map<String, Object> content = store.current().documents().get(slice).content();
        assertThat(content).containsEntry("addressType", "IPv4")
                .containsEntry("ports", List.of(Map.of("name", "http", "port", 8080, "protocol", "TCP",
                        "appProtocol", "kubernetes.io/h2c")));
        assertThat(content.get("metadata")).isEqualTo(Map.of("name", "web-consul-ipv4-8080", "namespace", "default",
                "labels", Map.of("kubernetes.io/service-name", "web",
                        "endpointslice.kubernetes.io/managed-by", "consul.lintel.io")));

        consul.setStatus("web-1", CheckStatus.CRITICAL);
        await().untilAsserted(() -> assertThat(addresses(store, slice)).containsExactly("10.0.0.2"));

        consul.deregister("web-2");
        await().untilAsserted(() -> assertThat(store.current().documents()).doesNotContainKey(slice));

        consul.kvDelete("lintel/service.yaml");
        consul.setStatus("web-1", CheckStatus.PASSING);
        await().untilAsserted(() -> assertThat(store.current().documents()).isEmpty());
    }

    @Test
    void servicesWithTheirOwnEndpointSliceInKvAreNotLookedUpInTheCatalog() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/service.yaml", SERVICE_YAML + """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: web-static
                  labels: {kubernetes.io/service-name: web}
                addressType: IPv4
                ports: [{name: http, port: 9000}]
                endpoints: [{addresses: [127.0.0.1]}]
                """);
        start(Map.of());

        assertThat(source.describe()).contains("0 Services from the catalog");
        assertThat(consul.requests()).noneMatch(request -> request.path().startsWith("/v1/health/"));
    }

    @Test
    void failsStaticWhileConsulIsDownAndCatchesUpAfterwards() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        consul.kvPut("lintel/service.yaml", SERVICE_YAML);
        consul.register(ServiceInstance.of("web-1", "web-app", "10.0.0.1", 8080, "blue"));
        start(Map.of());
        int documents = 3;
        await().untilAsserted(() -> assertThat(store.current().documents()).hasSize(documents));

        consul.stop();

        await().until(() -> !source.healthy());
        assertThat(source.describe()).contains("serving the last content read").contains("cannot reach Consul");
        assertThat(store.current().documents()).hasSize(documents);

        consul.kvPut("lintel/route.yaml", route("web", "v2"));
        consul.restart();

        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v2.example"));
        await().until(source::healthy);
    }

    @Test
    void recoversWhenConsulComesBackWithALowerIndex() throws Exception {
        consul = FakeConsul.start();
        for (int i = 0; i < 50; i++) {
            consul.kvPut("lintel/route.yaml", route("web", "v" + i));
        }
        start(Map.of("wait", "2s"));

        consul.kvPut("lintel/route.yaml", route("web", "restored"));
        consul.restartWithLowerIndex(3);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("restored.example"));
        consul.kvPut("lintel/route.yaml", route("web", "after"));
        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("after.example"));
    }

    @Test
    void isNotSyncedUntilConsulAnswersTheFirstTime() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        consul.stop();

        start(Map.of());

        assertThat(store.allSynced()).isFalse();
        assertThat(source.healthy()).isFalse();
        assertThat(source.describe()).contains("nothing read yet");
        consul.restart();
        await().until(store::allSynced);
        assertThat(store.current().documents()).containsKey(ROUTE);
    }

    @Test
    void sendsTheTokenFromItsFileAndAsksForStaleReads() throws Exception {
        consul = FakeConsul.start().requireToken("s3cret");
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        Path tokenFile = Files.writeString(temp.resolve("token"), "s3cret\n");

        start(Map.of("tokenFile", tokenFile.toString(), "stale", "true"));
        consul.kvPut("lintel/route.yaml", route("web", "v2"));

        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v2.example"));
        List<RecordedRequest> reads = consul.requests().stream().filter(r -> r.path().equals("/v1/kv/lintel/")).toList();
        assertThat(reads).allSatisfy(request -> {
            assertThat(request.token()).hasValue("s3cret");
            assertThat(request.query()).containsKeys("recurse", "stale");
        });
        assertThat(reads).anySatisfy(request -> assertThat(request.query()).containsEntry("wait", "5000ms"));
    }

    @Test
    void aWrongTokenMakesTheSourceUnhealthyWithTheReason() throws Exception {
        consul = FakeConsul.start().requireToken("s3cret");

        start(Map.of("token", "wrong"));

        assertThat(source.healthy()).isFalse();
        assertThat(source.describe()).contains("refused by Consul's ACLs").contains("403: ACL not found").contains("token");
    }

    @Test
    void talksTlsToConsulTrustingTheCaFile() throws Exception {
        TestTls.Pem pem = TestTls.selfSigned("localhost");
        consul = FakeConsul.startTls(serverContext(pem));
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        Path ca = Files.writeString(temp.resolve("ca.pem"), pem.certificatePem());

        source = new ConsulConfigSource(ConsulConfigSourceFactory.parse(Map.of(
                "address", "https://localhost:" + consul.port(), "caFile", ca.toString())));
        source.start(store.sinkFor("consul"));

        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v1.example"));
    }

    @Test
    void anUnreadableCaFileFailsTheStartNamingTheSetting() {
        source = new ConsulConfigSource(ConsulConfigSourceFactory.parse(Map.of(
                "address", "https://localhost:1", "caFile", temp.resolve("missing.pem").toString())));

        assertThatThrownBy(() -> source.start(store.sinkFor("consul")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting 'caFile'")
                .hasMessageContaining("missing.pem");
    }

    @Test
    void writesStatusUnderTheStatusPrefix() throws Exception {
        consul = FakeConsul.start();
        start(Map.of("statusPrefix", "lintel-status/"));

        source.statusWriter().orElseThrow().write(ROUTE, Map.of("parents", List.of()));

        await().untilAsserted(() -> assertThat(consul.kvGet("lintel-status/gateway.networking.k8s.io/HTTPRoute/default/web"))
                .hasValueSatisfying(json -> assertThat(json).contains("\"kind\" : \"HTTPRoute\"").contains("\"parents\" : [ ]")));
    }

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "address", consul.address().toString(), "wait", "5s", "minQueryInterval", "10ms"));
        settings.putAll(extra);
        source = new ConsulConfigSource(ConsulConfigSourceFactory.parse(settings));
        source.start(store.sinkFor("consul"));
    }

    private static SSLContext serverContext(TestTls.Pem pem) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pem.key(), new char[0], new Certificate[] {pem.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
