package io.lintel.consul.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.consul.fake.AclPolicy.Access;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's ACLs answer as Consul 1.11+ does with {@code default_policy = "deny"} (agent/consul/kvs_endpoint.go,
 * acl_filter.go, http.go's setResultsFilteredByACLs and maskResultsFilteredByACLs): lists are filtered, not refused.
 */
class FakeConsulAclTest {

    private static final String FILTERED = "X-Consul-Results-Filtered-By-ACLs";
    private static final AclPolicy STATUS_ONLY = AclPolicy.denyAll().withKeyPrefix("status/", Access.WRITE);

    private final HttpClient client = HttpClient.newHttpClient();
    private FakeConsul consul;

    @AfterEach
    void stop() {
        if (consul != null) {
            consul.close();
        }
    }

    @Test
    void aRecursiveReadOfAPrefixTheTokenCannotReadAnswers404WithTheIndexAndTheFilteredHeader() throws Exception {
        consul = FakeConsul.start().aclToken("reader", STATUS_ONLY);
        consul.kvPut("lintel/a.yaml", "a");
        long index = consul.kvPut("lintel/b.yaml", "b");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse", "reader");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Consul-Index")).hasValue(Long.toString(index));
        assertThat(response.headers().firstValue(FILTERED)).hasValue("true");
        assertThat(response.headers().firstValue("X-Consul-Default-ACL-Policy")).hasValue("deny");
    }

    @Test
    void aPartlyReadablePrefixAnswersTheReadableKeysAndTheFilteredHeader() throws Exception {
        consul = FakeConsul.start().aclToken("reader", AclPolicy.denyAll()
                .withKeyPrefix("lintel/", Access.READ).withKeyPrefix("lintel/secret/", Access.DENY));
        consul.kvPut("lintel/a.yaml", "a");
        consul.kvPut("lintel/secret/b.yaml", "b");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse", "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("lintel/a.yaml").doesNotContain("secret");
        assertThat(response.headers().firstValue(FILTERED)).hasValue("true");
    }

    @Test
    void aFullyReadablePrefixCarriesNoFilteredHeader() throws Exception {
        consul = FakeConsul.start().aclToken("reader", AclPolicy.denyAll().withKeyPrefix("lintel/", Access.READ));
        consul.kvPut("lintel/a.yaml", "a");
        consul.kvPut("other/b.yaml", "b");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse", "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(FILTERED)).isEmpty();
    }

    @Test
    void anAnonymousRequestIsFilteredSilently() throws Exception {
        consul = FakeConsul.start().requireToken("admin");
        consul.kvPut("lintel/a.yaml", "a");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue(FILTERED)).isEmpty();
    }

    @Test
    void oneKeyWithoutReadIsRefusedWith403() throws Exception {
        consul = FakeConsul.start().aclToken("reader", STATUS_ONLY);
        consul.kvPut("lintel/a.yaml", "a");

        HttpResponse<String> response = get("/v1/kv/lintel/a.yaml", "reader");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("Permission denied: token with AccessorID '")
                .endsWith("lacks permission 'key:read' on \"lintel/a.yaml\"");
    }

    @Test
    void anUnknownTokenIsRefusedWithAclNotFound() throws Exception {
        consul = FakeConsul.start().requireToken("admin");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse", "stranger");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("ACL not found");
    }

    @Test
    void keysListsAreFilteredAndCutAtTheSeparator() throws Exception {
        consul = FakeConsul.start().aclToken("reader", AclPolicy.denyAll()
                .withKeyPrefix("lintel/", Access.READ).withKeyPrefix("lintel/secret/", Access.DENY));
        consul.kvPut("lintel/a.yaml", "a");
        consul.kvPut("lintel/routes/b.yaml", "b");
        consul.kvPut("lintel/routes/c.yaml", "c");
        consul.kvPut("lintel/secret/d.yaml", "d");

        HttpResponse<String> listed = get("/v1/kv/lintel/?keys&separator=/", "reader");
        HttpResponse<String> hidden = get("/v1/kv/lintel/secret/?keys", "reader");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("[\"lintel/a.yaml\",\"lintel/routes/\"]");
        assertThat(listed.headers().firstValue(FILTERED)).hasValue("true");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.headers().firstValue(FILTERED)).hasValue("true");
    }

    @Test
    void healthLeavesOutInstancesWhoseServiceOrNodeTheTokenCannotRead() throws Exception {
        consul = FakeConsul.start().aclToken("reader", AclPolicy.denyAll()
                .withServicePrefix("", Access.READ).withNodePrefix("node-web-1", Access.READ));
        consul.register(ServiceInstance.of("web-1", "web", "10.0.0.1", 8080));
        consul.register(ServiceInstance.of("web-2", "web", "10.0.0.2", 8080));

        HttpResponse<String> response = get("/v1/health/service/web?passing", "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("web-1").doesNotContain("web-2");
        assertThat(response.headers().firstValue(FILTERED)).hasValue("true");
    }

    @Test
    void writesNeedWriteRights() throws Exception {
        consul = FakeConsul.start().aclToken("writer", STATUS_ONLY);

        assertThat(put("/v1/kv/status/x", "writer").statusCode()).isEqualTo(200);
        assertThat(put("/v1/kv/lintel/x", "writer").statusCode()).isEqualTo(403);
        assertThat(consul.kvGet("lintel/x")).isEmpty();
    }

    @Test
    void aTokenGivenRightsAgainReadsAtOnce() throws Exception {
        consul = FakeConsul.start().aclToken("reader", STATUS_ONLY);
        consul.kvPut("lintel/a.yaml", "a");
        assertThat(get("/v1/kv/lintel/?recurse", "reader").statusCode()).isEqualTo(404);

        consul.aclToken("reader", AclPolicy.denyAll().withKeyPrefix("lintel/", Access.READ));

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse", "reader");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(FILTERED)).isEmpty();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(consul.address().resolve(path));
        if (token != null) {
            request.header("X-Consul-Token", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(consul.address().resolve(path)).header("X-Consul-Token", token)
                .PUT(HttpRequest.BodyPublishers.ofString("v")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
