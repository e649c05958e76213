package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintel.core.testing.GrpcEchoServer;
import io.lintel.core.testing.GrpcTestClient;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRPCRoute is a plugin too: the {@code route-grpc} plugin directory serves it, and only it. A copy of the
 * distribution runs a Gateway with an HTTP listener (any kind) and a second one whose {@code allowedRoutes.kinds}
 * names GRPCRoute, a GRPCRoute to a gRPC echo backend whose Service port names no protocol (spoken to over h2c), and
 * an HTTPRoute beside it. With every plugin, a gRPC call through the GRPCRoute is answered by the backend; with
 * {@code plugins/route-grpc} removed, the listeners list HTTPRoute only (the one that names GRPCRoute is
 * {@code ResolvedRefs=False/InvalidRouteKinds}), the GatewayClass and {@code lintel features} no longer list the
 * GRPCRoute features, the GRPCRoute has no status and a problem says that no loaded plugin serves its kind, and the
 * call finds no route (gRPC status UNIMPLEMENTED, what a 404 maps to), while the HTTPRoute is still served.
 */
class GrpcRouteKindPluginIT {

    private static final List<String> GRPC_ROUTE_FEATURES = List.of("GRPCRoute", "GRPCRouteNamedRouteRule");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    private static DistributionCopy distribution;
    private static Path config;
    private static GrpcEchoServer grpcBackend;
    private static int gatewayPort;
    private static int kindsPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws Exception {
        distribution = DistributionCopy.in(work, "GrpcRouteKindPluginIT");
        grpcBackend = new GrpcEchoServer("grpc-echo");
        gatewayPort = LintelProcess.freePort();
        kindsPort = LintelProcess.freePort();
        adminPort = distribution.adminPort();
        config = distribution.config();
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: grpc
                  namespace: default
                spec:
                  gatewayClassName: lintel
                  addresses:
                    - type: IPAddress
                      value: 127.0.0.1
                  listeners:
                    - name: http
                      protocol: HTTP
                      port: %d
                    - name: grpc-routes-only
                      protocol: HTTP
                      port: %d
                      allowedRoutes:
                        kinds:
                          - kind: GRPCRoute
                """.formatted(gatewayPort, kindsPort));
        ConfigFiles.write(work, config, "20-service.yaml", Manifests.serviceWithEndpoint("grpc-echo",
                grpcBackend.port()));
        ConfigFiles.write(work, config, "30-routes.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata:
                  name: echo
                  namespace: default
                spec:
                  parentRefs:
                    - name: grpc
                      sectionName: http
                  rules:
                    - name: echo
                      matches:
                        - method: {service: test.Echo}
                      backendRefs:
                        - {name: grpc-echo, port: 80}
                """);
    }

    @AfterAll
    static void stop() {
        if (distribution != null) {
            distribution.close();
        }
        if (grpcBackend != null) {
            grpcBackend.close();
        }
    }

    @Test
    void removingTheRouteGrpcPluginRemovesTheKindItsFeaturesAndTheTraffic() throws Exception {
        lintel = distribution.start("full");
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(echo()).isEqualTo("0 hello"));
        JsonNode served = AdminStatus.fetch(adminPort);
        assertThat(AdminStatus.supportedKinds(served, "grpc", "http")).containsExactly("HTTPRoute", "GRPCRoute");
        assertThat(AdminStatus.supportedKinds(served, "grpc", "grpc-routes-only"))
                .containsExactly("GRPCRoute");
        assertThat(AdminStatus.listenerCondition(served, "grpc", "grpc-routes-only", "ResolvedRefs"))
                .isEqualTo("True");
        assertThat(AdminStatus.supportedFeatures(served)).containsAll(GRPC_ROUTE_FEATURES)
                .contains("HTTPRoute", "HTTPRouteBackendProtocolH2C");
        assertThat(AdminStatus.onlyParentCondition(served, "GRPCRoute", "echo", "Accepted")).isEqualTo("True");
        assertThat(AdminStatus.onlyParentCondition(served, "GRPCRoute", "echo", "ResolvedRefs")).isEqualTo("True");
        assertThat(AdminStatus.problems(served)).noneMatch(problem -> problem.contains("GRPCRoute"));
        assertThat(grpcBackend.calls).as("calls the backend received").isNotEmpty();

        distribution.removePlugin("route-grpc");
        lintel = distribution.start("without-route-grpc");

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode status = AdminStatus.fetch(adminPort);
            assertThat(AdminStatus.supportedKinds(status, "grpc", "http")).containsExactly("HTTPRoute");
            assertThat(AdminStatus.supportedKinds(status, "grpc", "grpc-routes-only")).isEmpty();
            assertThat(AdminStatus.listenerCondition(status, "grpc", "grpc-routes-only", "ResolvedRefs"))
                    .isEqualTo("False/InvalidRouteKinds");
            assertThat(AdminStatus.listenerMessage(status, "grpc", "grpc-routes-only", "ResolvedRefs"))
                    .contains("GRPCRoute", "no loaded plugin serves GRPCRoute (route-grpc)");
            assertThat(AdminStatus.supportedFeatures(status)).isNotEmpty()
                    .doesNotContainAnyElementsOf(GRPC_ROUTE_FEATURES)
                    .contains("HTTPRoute", "HTTPRouteBackendProtocolH2C");
            assertThat(AdminStatus.item(status, "GRPCRoute", "echo")).as("a status for the GRPCRoute").isNull();
            assertThat(AdminStatus.problems(status)).anySatisfy(problem -> assertThat(problem)
                    .contains("GRPCRoute default/echo", "not served", "gateway.networking.k8s.io/GRPCRoute",
                            "route-grpc"));
        });
        // the listener still serves HTTP, but no route takes the call: 404, which a gRPC client reads as UNIMPLEMENTED
        int before = grpcBackend.calls.size();
        assertThat(unroutedStatus()).isEqualTo("12");
        assertThat(grpcBackend.calls).as("calls the backend received").hasSize(before);

        assertThat(distribution.features()).doesNotContainAnyElementsOf(GRPC_ROUTE_FEATURES)
                .contains("HTTPRoute", "HTTPRouteBackendProtocolH2C", "TLSRoute");
    }

    /** One unary call of {@code test.Echo/Say} through the gateway: its grpc-status and the echoed message. */
    private static String echo() throws Exception {
        try (GrpcTestClient client = new GrpcTestClient("127.0.0.1", gatewayPort)) {
            GrpcTestClient.Call call = client.start("test.Echo", "Say", Map.of());
            call.send("hello");
            call.halfClose();
            String message = call.nextMessage(WAIT);
            Http2Headers trailers = call.trailers.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return trailers.get("grpc-status") + " " + message;
        }
    }

    /**
     * The grpc-status of a call of {@code test.Echo/Say} the gateway answers itself, as soon as the request headers
     * arrive (a trailers-only response), before any message is sent.
     */
    private static String unroutedStatus() throws Exception {
        try (GrpcTestClient client = new GrpcTestClient("127.0.0.1", gatewayPort)) {
            GrpcTestClient.Call call = client.start("test.Echo", "Say", Map.of());
            Http2Headers trailers = call.trailers.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(call.trailersOnly).as("a trailers-only response").isTrue();
            return String.valueOf(trailers.get("grpc-status"));
        }
    }
}
