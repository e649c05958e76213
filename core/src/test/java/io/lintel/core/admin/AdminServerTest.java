package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin server on a real loopback socket, asked by the JDK HTTP client. */
@ExtendWith(NettyLeakDetection.class)
class AdminServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeAdminState state = new FakeAdminState();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private AdminServer server;

    @BeforeEach
    void start() {
        server = new AdminServer(new InetSocketAddress("127.0.0.1", 0), state, metrics);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readyAnswers503DrainingOnceTheGatewayStops() throws Exception {
        state.ready = true;
        state.readyDetail = List.of("last reload: ok");
        state.draining = true;

        HttpResponse<String> draining = get("/ready");

        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.body()).isEqualTo("draining\nlast reload: ok\n");
    }

    @Test
    void readyAnswers503WithTheDetailUntilReady() throws Exception {
        state.readyDetail = List.of("file /etc/lintel: syncing");

        HttpResponse<String> notReady = get("/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("not ready\nfile /etc/lintel: syncing\n");

        state.readyDetail = List.of("file /etc/lintel: synced", "last reload: ok");
        state.ready = true;
        HttpResponse<String> ready = get("/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\nfile /etc/lintel: synced\nlast reload: ok\n");
        assertThat(ready.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void statusShowsEveryResourceAsAKubernetesObject() throws Exception {
        state.statuses = List.of(
                new ResourceStatus(
                        new ResourceKey("gateway.networking.k8s.io", "GatewayClass", "", "lintel"),
                        "gateway.networking.k8s.io/v1",
                        0,
                        Map.of("conditions", List.of(Map.of("type", "Accepted", "status", "True")))),
                new ResourceStatus(
                        new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "web"),
                        "gateway.networking.k8s.io/v1",
                        3,
                        Map.of("parents", List.of())));

        HttpResponse<String> response = get("/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        JsonNode gatewayClass = body.path("items").get(0);
        assertThat(gatewayClass.path("apiVersion").asText()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(gatewayClass.path("kind").asText()).isEqualTo("GatewayClass");
        assertThat(gatewayClass.path("metadata").path("name").asText()).isEqualTo("lintel");
        assertThat(gatewayClass.path("metadata").has("namespace")).as("cluster-scoped: no namespace").isFalse();
        assertThat(gatewayClass.path("metadata").has("generation")).as("generation 0: not shown").isFalse();
        assertThat(gatewayClass.at("/status/conditions/0/type").asText()).isEqualTo("Accepted");
        JsonNode route = body.path("items").get(1);
        assertThat(route.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(route.at("/metadata/generation").asLong()).isEqualTo(3);
        assertThat(route.at("/status/parents").isArray()).isTrue();
        assertThat(body.path("problems").isArray()).isTrue();
        assertThat(body.path("problems")).isEmpty();
    }

    @Test
    void statusListsProblemsWithTheirLocation() throws Exception {
        state.problems = List.of(
                new ConfigProblem(
                        new SourceLocation("/etc/lintel/route.yaml", 7),
                        Optional.of(new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "web")),
                        "spec.rules[0].matches[0].path.value",
                        "must start with /"),
                new ConfigProblem(new SourceLocation("/etc/lintel/broken.yaml", 0), Optional.empty(), "", "not YAML"));

        JsonNode problems = JSON.readTree(get("/status").body()).path("problems");

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).path("location").asText()).isEqualTo("/etc/lintel/route.yaml:7");
        assertThat(problems.get(0).path("resource").asText()).isEqualTo("HTTPRoute default/web");
        assertThat(problems.get(0).path("field").asText()).isEqualTo("spec.rules[0].matches[0].path.value");
        assertThat(problems.get(0).path("message").asText()).isEqualTo("must start with /");
        assertThat(problems.get(1).path("location").asText()).isEqualTo("/etc/lintel/broken.yaml");
        assertThat(problems.get(1).path("resource").isNull()).isTrue();
    }

    /** A filter spec as a plugin would write it: a record, with a Duration and an Optional. */
    record SampleTimeoutSpec(Duration request, Optional<Duration> backendRequest) implements FilterSpec {}

    @Test
    void configShowsTheIrWithFilterSpecsByTheirComponents() throws Exception {
        IrRule rule = new IrRule(
                "httproute/default/web/rule/0",
                Optional.of("main"),
                List.of(new IrFilter(
                        FilterKey.ruleField("timeouts"),
                        new SampleTimeoutSpec(Duration.ofMillis(1500), Optional.empty()))),
                List.of(new IrBackend(
                        "default/web:80", 1, "", List.of(new IrEndpoint("127.0.0.1", 8081)), 0, List.of())),
                0);
        IrRouteMatch match = new IrRouteMatch(
                "httproute/default/web/rule/0/match/0", IrPathMatch.MATCH_ALL, List.of(), List.of(), Optional.empty(), rule);
        state.config = new Ir(List.of(new IrSocket("127.0.0.1", 8080, IrProtocol.HTTP, List.of(new IrListener(
                "gateway/default/gw/listener/http", "*", List.of(new IrVirtualHost("*", List.of(match))))))));

        HttpResponse<String> response = get("/config");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode socket = JSON.readTree(response.body()).path("sockets").get(0);
        assertThat(socket.path("port").asInt()).isEqualTo(8080);
        assertThat(socket.path("protocol").asText()).isEqualTo("HTTP");
        JsonNode irMatch = socket.at("/listeners/0/virtualHosts/0/matches/0");
        assertThat(irMatch.at("/path/type").asText()).isEqualTo("PREFIX");
        assertThat(irMatch.path("method").isNull()).isTrue();
        assertThat(irMatch.at("/rule/ruleName").asText()).isEqualTo("main");
        assertThat(irMatch.at("/rule/filters/0/key/name").asText()).isEqualTo("timeouts");
        assertThat(irMatch.at("/rule/filters/0/spec/request").asText()).isEqualTo("PT1.5S");
        assertThat(irMatch.at("/rule/backends/0/endpoints/0/port").asInt()).isEqualTo(8081);
    }

    @Test
    void metricsServesThePrometheusTextFormat() throws Exception {
        metrics.forRule("httproute/default/web/rule/0").requestCompleted(200, 2_000_000);
        metrics.reloaded(true);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/web/rule/0\",rule_name=\"\"} 1")
                .contains("lintel_config_reloads_total{result=\"success\"} 1");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        HttpResponse<String> response = get("/nope?x=1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/nope").contains("/ready");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(uri("/ready")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void ignoresTheQueryString() throws Exception {
        state.ready = true;

        assertThat(get("/ready?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void servesSeveralRequestsOnOneConnection() throws Exception {
        state.ready = true;
        // The shared client keeps the connection alive; a server that closed it would still pass, so check the header.
        HttpResponse<String> first = get("/ready");
        HttpResponse<String> second = get("/metrics");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("connection")).isNotEqualTo(Optional.of("close"));
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void reportsTheAddressItCannotBind() {
        InetSocketAddress taken = server.localAddress();
        AdminServer second = new AdminServer(taken, state, metrics);

        assertThatThrownBy(second::start)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getPort())
                .hasMessageContaining("admin server");
        second.close();
    }

    @Test
    void stopsListeningWhenClosed() {
        URI ready = uri("/ready");
        server.close();
        server.close();

        assertThatThrownBy(() -> CLIENT.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void refusesASecondStart() {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
