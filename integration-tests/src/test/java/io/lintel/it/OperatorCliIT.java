package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 17's operator commands ({@code lintel get}, {@code describe}, {@code explain}, {@code validate -o json
 * --strict}) run as an operator would, against a running distribution: tables and JSON, and the exit codes scripts
 * read (0 found, 1 not found or invalid, 2 usage, 3 admin unreachable).
 */
class OperatorCliIT {

    private static final Path LOGS = Paths.get("target", "it-logs", "OperatorCliIT");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static NamedBackend stable;
    private static NamedBackend canary;
    private static ItGateway gateway;
    private static int gatewayPort;
    private static String admin;

    @BeforeAll
    static void start() throws IOException {
        stable = new NamedBackend("stable");
        canary = new NamedBackend("canary");
        gateway = ItGateway.in(work)
                .file("20-services.yaml", Manifests.serviceWithEndpoint("canary", canary.port())
                        + "---\n" + Manifests.serviceWithEndpoints("stable", stable.port(), "127.0.0.1", "127.0.0.2"))
                .file("30-route.yaml", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata:
                          name: web
                          namespace: default
                        spec:
                          parentRefs:
                            - name: it
                          hostnames: [shop.example.com]
                          rules:
                            - name: canary
                              matches:
                                - path: {type: PathPrefix, value: /api}
                                  headers:
                                    - {name: x-env, value: canary}
                              backendRefs:
                                - {name: canary, port: 80}
                            - name: stable
                              backendRefs:
                                - {name: stable, port: 80}
                        """)
                .start("OperatorCliIT");
        gatewayPort = gateway.port();
        admin = "127.0.0.1:" + gateway.adminPort();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (stable != null) {
            stable.close();
        }
        if (canary != null) {
            canary.close();
        }
    }

    private static LintelProcess.Result lintel(String log, String... args) throws Exception {
        return LintelProcess.run(LOGS.resolve(log + ".log"), args);
    }

    private static JsonNode json(LintelProcess.Result result) throws IOException {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return JSON.readTree(result.stdout());
    }

    @Test
    void getListsGatewaysAndRoutesAsTablesAndJson() throws Exception {
        LintelProcess.Result gateways = lintel("get-gateways", "get", "gateways", "--admin", admin);
        LintelProcess.Result routes = lintel("get-routes", "get", "routes", "--admin", admin, "-o", "json");

        assertThat(gateways.exitCode()).as(gateways.output()).isZero();
        assertThat(gateways.stdout().lines().toList()).hasSize(2);
        assertThat(gateways.stdout()).startsWith("NAMESPACE").contains("it").contains("http=127.0.0.1:" + gatewayPort);
        JsonNode route = json(routes).path("items").path(0);
        assertThat(route.path("name").asText()).isEqualTo("web");
        assertThat(route.path("accepted").asText()).isEqualTo("True");
        assertThat(route.path("listeners").path(0).asText()).isEqualTo("it/http");
    }

    @Test
    void getBackendsShowsAnEndpointPassiveHealthEjected() throws Exception {
        // 127.0.0.2 refuses every connection: its fifth failure in a row ejects it
        for (int i = 0; i < 40; i++) {
            RawHttp1.exchange(gatewayPort, "GET / HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\n\r\n");
        }
        // the admin server shows what the data plane holds: no wait needed beyond the requests above
        LintelProcess.Result table = lintel("get-backends", "get", "backends", "--admin", admin);
        JsonNode backends = json(lintel("get-backends-json", "get", "backends", "--admin", admin, "-o", "json"));

        assertThat(table.stdout()).contains("stable:80").contains("1/2").contains("127.0.0.2:");
        JsonNode stableBackend = backends.path("items").path(1).path("name").asText().equals("stable:80")
                ? backends.path("items").path(1) : backends.path("items").path(0);
        assertThat(stableBackend.path("endpoints").asText()).isEqualTo("1/2");
    }

    @Test
    void describeShowsParentsRulesBackendsAndTraffic() throws Exception {
        LintelProcess.Result text = lintel("describe-route", "describe", "httproute/web", "--admin", admin, "--window", "0");
        JsonNode document = json(lintel("describe-route-json", "describe", "httproute/web", "--admin", admin,
                "--window", "0", "-o", "json"));

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.stdout()).contains("HTTPRoute default/web").contains("Accepted=True")
                .contains("served on: http (127.0.0.1:" + gatewayPort).contains("rule 0 (name canary)")
                .contains("match: PathPrefix /api, header x-env Exact canary").contains("backend default/canary:80");
        assertThat(document.path("rules")).hasSize(2);
        assertThat(document.path("rules").path(1).path("name").asText()).isEqualTo("stable");
        assertThat(document.path("rules").path(1).path("traffic").has("requests")).isTrue();
    }

    @Test
    void describeOfSomethingThatDoesNotExistExitsOne() throws Exception {
        LintelProcess.Result missing = lintel("describe-missing", "describe", "httproute/nope", "--admin", admin);

        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(1);
        assertThat(missing.stderr()).contains("no httproute default/nope");
    }

    @Test
    void explainNamesTheRuleThatAnswersAndWhyTheOneBeforeDidNot() throws Exception {
        for (String env : List.of("canary", "prod")) {
            JsonNode explanation = json(lintel("explain-" + env, "explain", "--admin", admin, "--host",
                    "shop.example.com", "--path", "/api/items", "--header", "x-env=" + env, "-o", "json"))
                    .path("explanations").path(0);
            String ruleName = explanation.path("result").path("ruleName").asText();
            assertThat(ruleName).isEqualTo(env.equals("canary") ? "canary" : "stable");
            // stable's second endpoint refuses connections until passive health ejects it: a 503 is not an answer
            gateway.process().awaitOrExplain(Duration.ofSeconds(20), () -> {
                RawHttp1.Response real = RawHttp1.exchange(gatewayPort, "GET /api/items HTTP/1.1\r\nHost: shop.example.com"
                        + "\r\nx-env: " + env + "\r\nConnection: close\r\n\r\n");
                assertThat(real.body().strip()).as("the backend of rule %s answered", ruleName).isEqualTo(ruleName);
            });
        }
        LintelProcess.Result text = lintel("explain-text", "explain", "--admin", admin, "--host", "shop.example.com",
                "--path", "/api/items");
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.stdout()).contains("header x-env: requires Exact canary, request has none")
                .contains("=> listener gateway/default/it/listener/http, route httproute/default/web");
    }

    @Test
    void explainOfARequestNothingMatchesExitsOneAndABadListenerTwo() throws Exception {
        LintelProcess.Result unmatched = lintel("explain-unmatched", "explain", "--admin", admin, "--host", "other.org");
        LintelProcess.Result badListener = lintel("explain-bad-listener", "explain", "--admin", admin, "--host", "a",
                "--listener", "8080");

        assertThat(unmatched.exitCode()).as(unmatched.output()).isEqualTo(1);
        assertThat(unmatched.stdout()).contains("no route matches: answered 404");
        assertThat(badListener.exitCode()).as(badListener.output()).isEqualTo(2);
        assertThat(badListener.stderr()).contains("listener=8080 (expected: ADDR:PORT");
    }

    @Test
    void anAdminServerThatDoesNotAnswerExitsThree() throws Exception {
        int nothing = LintelProcess.freePort();

        LintelProcess.Result result = lintel("unreachable", "get", "routes", "--admin", "127.0.0.1:" + nothing);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.stderr()).contains("the admin server at 127.0.0.1:" + nothing + " did not answer");
    }

    @Test
    void validateStrictFailsOnAWarningAndPrintsJson() throws Exception {
        Path dir = Files.createDirectories(work.resolve("unresolved"));
        Files.writeString(dir.resolve("all.yaml"), Manifests.gatewayClass() + "---\n" + Manifests.gateway("v", 18080)
                + "---\n" + Manifests.route("r", "v", "missing"));

        LintelProcess.Result lenient = lintel("validate-lenient", "validate", "--config", dir.toString());
        LintelProcess.Result strict = lintel("validate-strict", "validate", "--config", dir.toString(), "--strict",
                "-o", "json");

        assertThat(lenient.exitCode()).as(lenient.output()).isZero();
        assertThat(strict.exitCode()).as(strict.output()).isEqualTo(1);
        JsonNode report = JSON.readTree(strict.stdout());
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("warnings").path(0).path("condition").path("type").asText()).isEqualTo("ResolvedRefs");
        assertThat(report.path("resources").size()).isGreaterThanOrEqualTo(3);
    }
}
