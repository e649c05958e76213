package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListenerSet is a plugin: the {@code listenerset} plugin directory reads the kind, and only it. A copy of the
 * distribution runs a Gateway that allows ListenerSets of its namespace, a ListenerSet adding an HTTP listener on a
 * port of its own, an HTTPRoute whose parent is the ListenerSet, and a second Gateway whose
 * {@code spec.allowedListeners} is invalid. With every plugin, the ListenerSet is accepted and its listener serves the
 * route; with {@code plugins/listenerset} removed, the GatewayClass and {@code lintel features} no longer list
 * ListenerSet, the ListenerSet has no status and a problem says that no loaded plugin serves its kind (naming the
 * plugin), its port is not bound, the Gateway counts no ListenerSet, and the invalid {@code allowedListeners} is still
 * reported (it is the Gateway's field).
 */
class ListenerSetPluginIT {


    @TempDir
    static Path work;

    private static DistributionCopy distribution;
    private static Path config;
    private static NamedBackend backend;
    private static int gatewayPort;
    private static int setPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws Exception {
        distribution = DistributionCopy.in(work, "ListenerSetPluginIT");
        backend = new NamedBackend("through-listenerset");
        gatewayPort = LintelProcess.freePort();
        setPort = LintelProcess.freePort();
        adminPort = distribution.adminPort();
        config = distribution.config();
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", gateway("web", "Same", gatewayPort) + "---\n"
                + gateway("strict", "Selector", LintelProcess.freePort()));
        ConfigFiles.write(work, config, "20-listenerset.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata:
                  name: extra
                  namespace: default
                spec:
                  parentRef:
                    name: web
                  listeners:
                    - name: extra-http
                      protocol: HTTP
                      port: %d
                """.formatted(setPort));
        ConfigFiles.write(work, config, "30-service.yaml", Manifests.serviceWithEndpoint("named", backend.port()));
        ConfigFiles.write(work, config, "40-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: via-set
                  namespace: default
                spec:
                  parentRefs:
                    - kind: ListenerSet
                      name: extra
                  rules:
                    - backendRefs:
                        - name: named
                          port: 80
                """);
    }

    /** A Gateway on 127.0.0.1 with one HTTP listener, allowing ListenerSets {@code from}. */
    private static String gateway(String name, String from, int port) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: %s
                  namespace: default
                spec:
                  gatewayClassName: lintel
                  addresses:
                    - type: IPAddress
                      value: 127.0.0.1
                  allowedListeners:
                    namespaces:
                      from: %s
                  listeners:
                    - name: http
                      protocol: HTTP
                      port: %d
                """.formatted(name, from, port);
    }

    @AfterAll
    static void stop() {
        if (distribution != null) {
            distribution.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void removingThePluginRemovesTheKindItsFeatureAndItsListeners() throws Exception {
        lintel = distribution.start("full");
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = ItHttp.get(setPort, "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("through-listenerset\n");
        });
        JsonNode served = AdminStatus.fetch(adminPort);
        assertThat(AdminStatus.supportedFeatures(served)).contains("ListenerSet");
        assertThat(listenerSetCondition(served, "Accepted")).isEqualTo("True");
        assertThat(AdminStatus.item(served, "Gateway", "web").at("/status/attachedListenerSets").asInt()).isOne();
        assertThat(AdminStatus.problems(served)).noneMatch(problem -> problem.contains("ListenerSet default/extra"))
                .anySatisfy(problem -> assertThat(problem).contains("Gateway default/strict",
                        "spec.allowedListeners.namespaces.selector", "is required when from is Selector"));

        distribution.removePlugin("listenerset");
        lintel = distribution.start("without-listenerset");

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode status = AdminStatus.fetch(adminPort);
            assertThat(AdminStatus.supportedFeatures(status)).isNotEmpty().doesNotContain("ListenerSet")
                    .contains("Gateway", "HTTPRoute");
            assertThat(AdminStatus.item(status, "ListenerSet", "extra")).as("a status for the ListenerSet").isNull();
            assertThat(AdminStatus.item(status, "Gateway", "web").at("/status/attachedListenerSets").asInt())
                    .isZero();
            assertThat(AdminStatus.problems(status)).anySatisfy(problem -> assertThat(problem)
                    .contains("ListenerSet default/extra", "not served", "gateway.networking.k8s.io/ListenerSet",
                            "listenerset plugin"))
                    .anySatisfy(problem -> assertThat(problem).contains("Gateway default/strict",
                            "spec.allowedListeners.namespaces.selector", "is required when from is Selector"));
        });
        // the ListenerSet's port is not bound without it
        assertThatThrownBy(() -> ItHttp.get(setPort, "/")).isInstanceOf(IOException.class);

        assertThat(distribution.features()).doesNotContain("ListenerSet")
                .contains("Gateway", "HTTPRoute");
    }

    /** The ListenerSet's condition status. */
    private static String listenerSetCondition(JsonNode status, String type) {
        JsonNode set = AdminStatus.item(status, "ListenerSet", "extra");
        assertThat(set).as("a status for the ListenerSet").isNotNull();
        return AdminStatus.condition(set.at("/status/conditions"), type).path("status").asText();
    }
}
