package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom filter dropped in as a user would: the example plugin's jar copied into {@code plugins/<name>/} of (a copy
 * of) the unpacked distribution, an HTTPRoute {@code ExtensionRef} to its {@code HeaderAccessRule}, requests through
 * it. Then the distribution restarted without the request-mirror plugin directory: its features leave GatewayClass
 * {@code supportedFeatures} and the route that mirrors is no longer accepted.
 */
class ExtensionRefPluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    static Path work;

    private static Path home;
    private static Path config;
    private static NamedBackend app;
    private static NamedBackend copies;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws IOException {
        home = FileTrees.copy(LintelProcess.home(), work.resolve("lintel"));
        Path plugin = Paths.get(System.getProperty("lintel.example.plugin", ""));
        assertThat(plugin).as("the example plugin's jar (system property lintel.example.plugin)").isRegularFile();
        Path pluginDirectory = Files.createDirectories(home.resolve("plugins/example-header-access"));
        Files.copy(plugin, pluginDirectory.resolve(plugin.getFileName()));

        app = new NamedBackend("app");
        copies = new NamedBackend("copies");
        gatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        config = Files.createDirectories(work.resolve("config"));
        write("00-gatewayclass.yaml", Manifests.gatewayClass());
        write("10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        write("20-services.yaml", Manifests.serviceWithEndpoint("app", app.port()) + "---\n"
                + Manifests.serviceWithEndpoint("copies", copies.port()));
        write("30-access-rule.yaml", """
                apiVersion: example.lintel.io/v1alpha1
                kind: HeaderAccessRule
                metadata:
                  name: api-key
                  namespace: default
                spec:
                  header: X-Api-Key
                  allowedValues: [open-sesame]
                  deniedStatus: 401
                  deniedMessage: "no key\\n"
                """);
        write("40-routes.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: guarded
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /guarded}
                      filters:
                        - type: ExtensionRef
                          extensionRef: {group: example.lintel.io, kind: HeaderAccessRule, name: api-key}
                      backendRefs:
                        - {name: app, port: 80}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: mirrored
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /mirrored}
                      filters:
                        - type: RequestMirror
                          requestMirror:
                            backendRef: {name: copies, port: 80}
                      backendRefs:
                        - {name: app, port: 80}
                """);
    }

    @AfterAll
    static void stop() {
        if (lintel != null) {
            lintel.close();
        }
        if (app != null) {
            app.close();
        }
        if (copies != null) {
            copies.close();
        }
    }

    @Test
    void aDroppedInPluginServesItsExtensionRefAndRemovingAPluginRemovesItsFeatures() throws Exception {
        lintel = start("ExtensionRefPluginIT-with-plugins.log");

        awaitOrExplain(() -> {
            HttpResponse<String> denied = throughGateway("/guarded/x", null);
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.body()).isEqualTo("no key\n");
        });
        HttpResponse<String> allowed = throughGateway("/guarded/x", "open-sesame");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("app\n");
        assertThat(throughGateway("/mirrored", null).statusCode()).isEqualTo(200);
        JsonNode status = status();
        assertThat(supportedFeatures(status)).contains("HTTPRouteRequestMirror", "HTTPRouteRequestMultipleMirrors",
                "HTTPRouteRequestPercentageMirror");
        assertThat(condition(status, "mirrored", "Accepted")).isEqualTo("True");

        lintel.close();
        assertThat(home.resolve("plugins/filter-request-mirror")).as("the plugin directory to remove").isDirectory();
        FileTrees.delete(home.resolve("plugins/filter-request-mirror"));
        lintel = start("ExtensionRefPluginIT-without-mirror.log");

        awaitOrExplain(() -> {
            JsonNode restarted = status();
            assertThat(supportedFeatures(restarted)).isNotEmpty().doesNotContain("HTTPRouteRequestMirror",
                    "HTTPRouteRequestMultipleMirrors", "HTTPRouteRequestPercentageMirror");
            assertThat(condition(restarted, "mirrored", "Accepted")).isEqualTo("False/UnsupportedValue");
        });
        // the rule that needs the missing plugin answers 500 rather than forwarding without its mirror
        assertThat(throughGateway("/mirrored", null).statusCode()).isEqualTo(500);
        assertThat(throughGateway("/guarded/y", "open-sesame").statusCode()).isEqualTo(200);
        LintelProcess.Result features = LintelProcess.run(home, LOGS.resolve("ExtensionRefPluginIT-features.log"), "features");
        assertThat(features.stdout()).doesNotContain("HTTPRouteRequestMirror").contains("HTTPRouteResponseHeaderModification");
    }

    private static LintelProcess start(String log) throws IOException {
        LintelProcess process = LintelProcess.start(home, LOGS.resolve(log),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        process.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        return process;
    }

    private static List<String> supportedFeatures(JsonNode status) {
        JsonNode gatewayClass = item(status, "GatewayClass", "lintel");
        return StreamSupport.stream(gatewayClass.at("/status/supportedFeatures").spliterator(), false)
                .map(feature -> feature.path("name").asText())
                .toList();
    }

    /** {@code status} of the route's first parent's condition, with {@code /reason} when False; "absent" when missing. */
    private static String condition(JsonNode status, String route, String type) {
        JsonNode parents = item(status, "HTTPRoute", route).at("/status/parents");
        assertThat(parents).hasSize(1);
        return StreamSupport.stream(parents.get(0).path("conditions").spliterator(), false)
                .filter(c -> c.path("type").asText().equals(type))
                .map(c -> c.path("status").asText().equals("False")
                        ? "False/" + c.path("reason").asText() : c.path("status").asText())
                .findFirst()
                .orElse("absent");
    }

    private static JsonNode item(JsonNode status, String kind, String name) {
        return StreamSupport.stream(status.path("items").spliterator(), false)
                .filter(item -> item.path("kind").asText().equals(kind))
                .filter(item -> item.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + status));
    }

    private static JsonNode status() throws IOException, InterruptedException {
        return JSON.readTree(ItHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/status"))).body());
    }

    private static HttpResponse<String> throughGateway(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return ItHttp.send(request);
    }

    /** Writes a config file whole: a reader never sees half of it. */
    private static void write(String name, String content) throws IOException {
        ConfigFiles.write(work, config, name, content);
    }

    private static void awaitOrExplain(ThrowingRunnable assertion) {
        lintel.awaitOrExplain(Duration.ofSeconds(30), assertion);
    }
}
