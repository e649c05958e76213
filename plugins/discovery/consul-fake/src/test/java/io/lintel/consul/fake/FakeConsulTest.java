package io.lintel.consul.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeConsulTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private FakeConsul consul;

    @AfterEach
    void stop() {
        if (consul != null) {
            consul.close();
        }
    }

    @Test
    void recursiveKvReadsAnswerBase64ValuesAndTheIndex() throws Exception {
        consul = FakeConsul.start();
        consul.kvPut("lintel/a.yaml", "kind: A");
        long index = consul.kvPut("lintel/b.yaml", "kind: B");
        consul.kvPut("other/c", "x");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Consul-Index")).hasValue(Long.toString(index));
        assertThat(response.body())
                .contains("\"Key\":\"lintel/a.yaml\",\"Flags\":0,\"Value\":\"a2luZDogQQ==\"")
                .contains("\"Key\":\"lintel/b.yaml\"")
                .doesNotContain("other/c");
    }

    @Test
    void anEmptyPrefixAnswers404WithAnIndex() throws Exception {
        consul = FakeConsul.start();

        HttpResponse<String> response = get("/v1/kv/nothing/?recurse");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Consul-Index")).isPresent();
    }

    @Test
    void aBlockingQueryParksUntilTheIndexPasses() throws Exception {
        consul = FakeConsul.start();
        long index = consul.kvPut("lintel/a.yaml", "one");

        CompletableFuture<HttpResponse<String>> parked = getAsync("/v1/kv/lintel/?recurse&index=" + index + "&wait=1m");
        assertThat(parked).isNotDone();
        long written = consul.kvPut("lintel/a.yaml", "two");

        HttpResponse<String> response = parked.get();
        assertThat(response.headers().firstValue("X-Consul-Index")).hasValue(Long.toString(written));
        assertThat(response.body()).contains("\"Value\":\"dHdv\"");
    }

    @Test
    void aBlockingQueryAnswersTheSameIndexWhenTheWaitElapses() throws Exception {
        consul = FakeConsul.start();
        long index = consul.kvPut("lintel/a.yaml", "one");

        HttpResponse<String> response = get("/v1/kv/lintel/?recurse&index=" + index + "&wait=100ms");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Consul-Index")).hasValue(Long.toString(index));
    }

    @Test
    void aDeleteWakesRecursiveQueriesOfItsPrefix() throws Exception {
        consul = FakeConsul.start();
        long index = consul.kvPut("lintel/a.yaml", "one");
        CompletableFuture<HttpResponse<String>> parked = getAsync("/v1/kv/lintel/?recurse&index=" + index);

        consul.kvDelete("lintel/a.yaml");

        HttpResponse<String> response = parked.get();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Long.parseLong(response.headers().firstValue("X-Consul-Index").orElseThrow())).isGreaterThan(index);
    }

    @Test
    void healthPassingListsOnlyInstancesWhoseChecksPass() throws Exception {
        consul = FakeConsul.start();
        consul.register(ServiceInstance.of("web-1", "web", "10.0.0.1", 8080, "blue"));
        consul.register(ServiceInstance.of("web-2", "web", "10.0.0.2", 8080, "green"));
        consul.register(ServiceInstance.of("db-1", "db", "10.0.0.3", 5432));
        consul.setStatus("web-2", CheckStatus.CRITICAL);

        assertThat(get("/v1/health/service/web").body()).contains("web-1").contains("web-2").doesNotContain("db-1");
        assertThat(get("/v1/health/service/web?passing").body()).contains("web-1").doesNotContain("web-2");
        assertThat(get("/v1/health/service/web?tag=green").body()).contains("web-2").doesNotContain("web-1");
        assertThat(get("/v1/health/service/web?passing").body())
                .contains("\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\",\"Tags\":[\"blue\"],\"Address\":\"10.0.0.1\"")
                .contains("\"CheckID\":\"serfHealth\"");
    }

    @Test
    void aCheckTurningCriticalWakesHealthQueries() throws Exception {
        consul = FakeConsul.start();
        consul.register(ServiceInstance.of("web-1", "web", "10.0.0.1", 8080));
        String index = get("/v1/health/service/web?passing").headers().firstValue("X-Consul-Index").orElseThrow();
        CompletableFuture<HttpResponse<String>> parked = getAsync("/v1/health/service/web?passing&index=" + index);

        consul.setStatus("web-1", CheckStatus.CRITICAL);

        assertThat(parked.get().body()).isEqualTo("[]");
    }

    @Test
    void aRequiredTokenIsEnforced() throws Exception {
        consul = FakeConsul.start().requireToken("secret");

        assertThat(get("/v1/kv/x").statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = client.send(HttpRequest.newBuilder(consul.address().resolve("/v1/kv/x"))
                .header("X-Consul-Token", "secret").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(404);
        assertThat(consul.requests()).last().satisfies(request -> assertThat(request.token()).hasValue("secret"));
    }

    @Test
    void restartsOnTheSamePortWithLowerIndexesAndTheSameData() throws Exception {
        consul = FakeConsul.start();
        for (int i = 0; i < 20; i++) {
            consul.kvPut("lintel/a.yaml", "v" + i);
        }
        URI before = consul.address();
        CompletableFuture<HttpResponse<String>> parked = getAsync("/v1/kv/lintel/?recurse&index=" + consul.index());

        consul.stop();
        assertThat(parked).failsWithin(Duration.ofSeconds(30));
        consul.restartWithLowerIndex(3);

        assertThat(consul.address()).isEqualTo(before);
        HttpResponse<String> response = get("/v1/kv/lintel/?recurse");
        assertThat(response.headers().firstValue("X-Consul-Index")).hasValue("3");
        assertThat(response.body()).contains("\"Value\":\"djE5\"");
    }

    @Test
    void rejectsAnInvalidIndex() throws Exception {
        consul = FakeConsul.start();

        HttpResponse<String> response = get("/v1/kv/x?index=abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid index");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(consul.address().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client.sendAsync(HttpRequest.newBuilder(consul.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
