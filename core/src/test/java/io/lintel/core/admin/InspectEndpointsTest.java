package io.lintel.core.admin;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.match;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.server.NettyLeakDetection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /explain} and {@code GET /backends} on a real admin server, over a compiled route table. */
@ExtendWith(NettyLeakDetection.class)
class InspectEndpointsTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeAdminState state = new FakeAdminState();
    private AdminServer server;

    @BeforeEach
    void start() {
        state.routeTable = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP).compile(ir(
                socket("0.0.0.0", 8080, listener("gateway/default/gw/listener/http", "*", vhost("*",
                        match(new IrPathMatch(IrPathMatch.Type.PREFIX, "/"),
                                List.of(new IrHeaderMatch(IrValueMatchType.EXACT, "x-env", "canary")), List.of(), null,
                                rule("httproute/default/canary/rule/0", backend("default/canary:80", 1, 9002))),
                        prefix("/", rule("httproute/default/web/rule/0", backend("default/web:80", 1, 9001, 9003))))))));
        server = new AdminServer(new InetSocketAddress("127.0.0.1", 0), state, new GatewayMetrics());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void explainAnswersWithTheRuleAndWhyTheMatchBeforeItDidNotApply() throws Exception {
        HttpResponse<String> response = get("/explain?host=shop.example.com&path=/cart&listener=127.0.0.1:8080");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode explanation = JSON.readTree(response.body()).path("explanations").path(0);
        assertThat(explanation.path("socket").asText()).as("the wildcard socket of that port").isEqualTo("0.0.0.0:8080");
        assertThat(explanation.path("matches").path(0).path("mismatch").path("name").asText()).isEqualTo("x-env");
        assertThat(explanation.path("matches").path(0).path("mismatch").path("actual").isNull()).isTrue();
        assertThat(explanation.path("matches").path(0).path("reason").asText())
                .isEqualTo("header x-env: requires Exact canary, request has none");
        assertThat(explanation.path("result").path("rule").asText()).isEqualTo("httproute/default/web/rule/0");
        assertThat(explanation.path("result").path("backends").path(0).path("endpoints")).hasSize(2);
    }

    @Test
    void explainReadsHeadersAndExplainsEverySocketWithoutAListener() throws Exception {
        JsonNode document = JSON.readTree(get("/explain?host=a&header=X-Env:%20canary").body());

        assertThat(document.path("explanations")).hasSize(1);
        assertThat(document.path("explanations").path(0).path("result").path("rule").asText())
                .isEqualTo("httproute/default/canary/rule/0");
        assertThat(document.path("request").path("method").asText()).isEqualTo("GET");
    }

    @Test
    void explainRefusesAMissingHostAnUnknownParameterAndABadListenerNamingThem() throws Exception {
        HttpResponse<String> noHost = get("/explain?path=/");
        HttpResponse<String> typo = get("/explain?host=a&hedaer=x:y");
        HttpResponse<String> badListener = get("/explain?host=a&listener=8080");

        assertThat(noHost.statusCode()).isEqualTo(400);
        assertThat(noHost.body()).contains("parameter host is required");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("[hedaer]");
        assertThat(badListener.statusCode()).isEqualTo(400);
        assertThat(badListener.body()).contains("listener=8080 (expected: ADDR:PORT");
    }

    @Test
    void backendsListsEachBackendOnceWithItsEndpointsAndRules() throws Exception {
        JsonNode backends = JSON.readTree(get("/backends?name=web").body()).path("backends");

        assertThat(backends).hasSize(1);
        assertThat(backends.path(0).path("name").asText()).isEqualTo("default/web:80");
        assertThat(backends.path(0).path("healthy").asInt()).isEqualTo(2);
        assertThat(backends.path(0).path("total").asInt()).isEqualTo(2);
        assertThat(backends.path(0).path("endpoints").path(1).path("port").asInt()).isEqualTo(9003);
        assertThat(backends.path(0).path("endpoints").path(1).path("ejected").asBoolean()).isFalse();
        assertThat(backends.path(0).path("rules").path(0).asText()).isEqualTo("httproute/default/web/rule/0");
        assertThat(JSON.readTree(get("/backends").body()).path("backends")).hasSize(2);
    }

    @Test
    void withoutARouteTableExplainSaysNoSocketServes() throws Exception {
        state.routeTable = null;

        JsonNode document = JSON.readTree(get("/explain?host=a").body());

        assertThat(document.path("explanations")).isEmpty();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
