package io.lintel.plugin.discovery.consul;

import static io.lintel.plugin.discovery.consul.StoredDocuments.addresses;
import static io.lintel.plugin.discovery.consul.StoredDocuments.hostnames;
import static io.lintel.plugin.discovery.consul.StoredDocuments.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.consul.fake.AclPolicy;
import io.lintel.consul.fake.AclPolicy.Access;
import io.lintel.consul.fake.FakeConsul;
import io.lintel.consul.fake.ServiceInstance;
import io.lintel.core.store.ResourceStore;
import io.lintel.spi.config.ResourceKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token that cannot read (all of) the prefix or a Service's instances gets answers Consul's ACLs filtered, not
 * refusals: 404 or a part of the keys, {@code []} from the health API, each marked
 * {@code X-Consul-Results-Filtered-By-ACLs: true}. The source must keep the last configuration, say why, and apply
 * the next full read once the token may read again.
 */
class ConsulConfigSourceAclTest {

    private static final String TOKEN = "lintel-token";
    private static final ResourceKey ROUTE = new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "web");
    private static final ResourceKey SECRET_ROUTE = new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "hidden");
    private static final ResourceKey SLICE = new ResourceKey("discovery.k8s.io", "EndpointSlice", "default", "web-consul-ipv4-8080");
    /** What docs/consul.md asks of the token. */
    private static final AclPolicy READER = AclPolicy.denyAll().withKeyPrefix("lintel/", Access.READ)
            .withServicePrefix("", Access.READ).withNodePrefix("", Access.READ);
    private static final String SERVICE_YAML = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              annotations: {consul.lintel.io/service: web-app}
            spec:
              ports: [{name: http, port: 80}]
            """;

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
    void aTokenThatLosesReadOnThePrefixKeepsTheLastConfigurationAndSaysWhy() throws Exception {
        consul = FakeConsul.start().aclToken(TOKEN, READER);
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        start();
        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v1.example"));

        consul.aclToken(TOKEN, READER.withKeyPrefix("lintel/", Access.DENY));

        // A policy change does not move the index: the query parked with the old rights ends after wait (1 s), the
        // next one (new rights) parks again and then reads 404, filtered, as Consul answers.
        await().until(() -> !source.healthy());
        assertThat(source.describe())
                .contains("serving the last content read")
                .contains("refused by Consul's ACLs")
                .contains("X-Consul-Results-Filtered-By-ACLs: true")
                .contains("prefix 'lintel/'");
        assertThat(hostnames(store, ROUTE)).as("the filtered read must not withdraw the route").containsExactly("v1.example");
        consul.kvPut("lintel/route.yaml", route("web", "v2"));

        consul.aclToken(TOKEN, READER);

        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v2.example"));
        await().until(source::healthy);
    }

    @Test
    void aPartlyFilteredPrefixIsNotAppliedEither() throws Exception {
        consul = FakeConsul.start().aclToken(TOKEN, READER);
        consul.kvPut("lintel/route.yaml", route("web", "v1"));
        consul.kvPut("lintel/secret/route.yaml", route("hidden", "h1"));
        start();
        await().untilAsserted(() -> assertThat(store.current().documents()).containsKeys(ROUTE, SECRET_ROUTE));

        consul.aclToken(TOKEN, READER.withKeyPrefix("lintel/secret/", Access.DENY));

        await().until(() -> !source.healthy());
        // Consul answered 200 with lintel/route.yaml only: applying it would delete the hidden key's route.
        assertThat(store.current().documents()).containsKey(SECRET_ROUTE);
        assertThat(source.describe()).contains("X-Consul-Results-Filtered-By-ACLs: true");
    }

    @Test
    void aFilteredFirstReadLeavesTheSourceNotSyncedUntilTheTokenMayRead() throws Exception {
        consul = FakeConsul.start().aclToken(TOKEN, AclPolicy.denyAll());
        consul.kvPut("lintel/route.yaml", route("web", "v1"));

        start();

        assertThat(store.allSynced()).as("an empty read is not the configuration: nothing is served yet").isFalse();
        assertThat(source.healthy()).isFalse();
        assertThat(source.describe()).contains("nothing read yet").contains("X-Consul-Results-Filtered-By-ACLs");

        consul.aclToken(TOKEN, READER);

        await().until(store::allSynced);
        await().untilAsserted(() -> assertThat(hostnames(store, ROUTE)).containsExactly("v1.example"));
        assertThat(source.healthy()).isTrue();
    }

    @Test
    void aTokenThatLosesReadOnAServiceKeepsItsEndpoints() throws Exception {
        consul = FakeConsul.start().aclToken(TOKEN, READER);
        consul.kvPut("lintel/service.yaml", SERVICE_YAML);
        consul.register(ServiceInstance.of("web-1", "web-app", "10.0.0.1", 8080));
        start();
        await().untilAsserted(() -> assertThat(addresses(store, SLICE)).containsExactly("10.0.0.1"));

        consul.aclToken(TOKEN, READER.withServicePrefix("web-app", Access.DENY));

        await().until(() -> !source.healthy());
        assertThat(source.describe()).contains("X-Consul-Results-Filtered-By-ACLs: true").contains("service 'web-app'");
        assertThat(addresses(store, SLICE)).as("a filtered [] must not empty the pool").containsExactly("10.0.0.1");
        consul.register(ServiceInstance.of("web-2", "web-app", "10.0.0.2", 8080));

        consul.aclToken(TOKEN, READER);

        await().untilAsserted(() -> assertThat(addresses(store, SLICE)).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2"));
        await().until(source::healthy);
    }

    private void start() throws Exception {
        source = new ConsulConfigSource(ConsulConfigSourceFactory.parse(Map.of("address", consul.address().toString(),
                "token", TOKEN, "wait", "1s", "minQueryInterval", "10ms")));
        source.start(store.sinkFor("consul"));
    }

}
