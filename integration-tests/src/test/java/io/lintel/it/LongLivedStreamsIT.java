package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.testing.GrpcEchoServer;
import io.lintel.core.testing.GrpcTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution keeps long-lived streams open while its configuration changes: one WebSocket (HTTPRoute to a
 * {@code kubernetes.io/ws} backend) and one bidirectional gRPC call (GRPCRoute to a backend spoken to over h2c) stay
 * open through a hundred reloads of the config directory, each one observed through the data plane, and both still
 * carry messages both ways afterwards.
 */
class LongLivedStreamsIT {

    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int RELOADS = 100;

    @TempDir
    static Path work;

    private static Path config;
    private static GrpcEchoServer grpcBackend;
    private static WebSocketEchoBackend wsBackend;
    private static NamedBackend churnBackend;
    private static int gatewayPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void startGateway() throws Exception {
        grpcBackend = new GrpcEchoServer("grpc-echo");
        wsBackend = new WebSocketEchoBackend();
        churnBackend = new NamedBackend("churn");
        gatewayPort = LintelProcess.freePort();
        int adminPort = LintelProcess.freePort();
        config = Files.createDirectories(work.resolve("config"));
        write("00-gatewayclass.yaml", Manifests.gatewayClass());
        write("10-gateway.yaml", Manifests.gateway("streams", gatewayPort));
        write("20-services.yaml", Manifests.serviceWithEndpoint("grpc-echo", grpcBackend.port()) + "---\n"
                + Manifests.serviceWithEndpoint("ws-echo", "kubernetes.io/ws", wsBackend.port()) + "---\n"
                + Manifests.serviceWithEndpoint("churn", churnBackend.port()));
        write("30-routes.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata:
                  name: grpc
                  namespace: default
                spec:
                  parentRefs: [{name: streams}]
                  rules:
                    - matches:
                        - method: {service: test.Echo}
                      backendRefs:
                        - {name: grpc-echo, port: 80}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: ws
                  namespace: default
                spec:
                  parentRefs: [{name: streams}]
                  rules:
                    - matches:
                        - path: {type: Exact, value: /ws}
                      backendRefs:
                        - {name: ws-echo, port: 80}
                """);
        write("40-churn.yaml", churnRoute(0));

        lintel = LintelProcess.start(LOGS.resolve("LongLivedStreamsIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        awaitServed(0);
    }

    @AfterAll
    static void stopGateway() {
        if (lintel != null) {
            lintel.close();
        }
        if (grpcBackend != null) {
            grpcBackend.close();
        }
        if (wsBackend != null) {
            wsBackend.close();
        }
        if (churnBackend != null) {
            churnBackend.close();
        }
    }

    @Test
    void aWebSocketAndAGrpcStreamSurviveAHundredReloads() throws Exception {
        LinkedBlockingQueue<String> wsReceived = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + gatewayPort + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        wsReceived.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try (GrpcTestClient grpc = new GrpcTestClient("127.0.0.1", gatewayPort)) {
            GrpcTestClient.Call call = grpc.start("test.Echo", "Chat", Map.of());

            socket.sendText("before", true).get(30, TimeUnit.SECONDS);
            assertThat(wsReceived.poll(30, TimeUnit.SECONDS)).isEqualTo("echo: before");
            call.send("before");
            assertThat(call.nextMessage(WAIT)).isEqualTo("before");

            for (int i = 1; i <= RELOADS; i++) {
                write("40-churn.yaml", churnRoute(i));
                awaitServed(i);
            }

            socket.sendText("after", true).get(30, TimeUnit.SECONDS);
            assertThat(wsReceived.poll(30, TimeUnit.SECONDS)).isEqualTo("echo: after");
            call.send("after");
            assertThat(call.nextMessage(WAIT)).isEqualTo("after");
            assertThat(call.trailers).as("the call is still open").isNotDone();
            call.halfClose();
            assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
            assertThat(grpcBackend.calls).as("one call, never re-established").hasSize(1);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Waits until the data plane serves configuration {@code generation} (its churn route answers). */
    private static void awaitServed(int generation) {
        lintel.awaitOrExplain(WAIT, () -> {
            HttpResponse<String> response = ItHttp.get(gatewayPort, "/churn-" + generation);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("churn\n");
        });
    }

    private static String churnRoute(int generation) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: churn
                  namespace: default
                spec:
                  parentRefs: [{name: streams}]
                  rules:
                    - matches:
                        - path: {type: Exact, value: /churn-%d}
                      backendRefs:
                        - {name: churn, port: 80}
                """.formatted(generation);
    }

    /** Writes a config file whole: a reader never sees half of it. */
    private static void write(String name, String content) throws IOException {
        ConfigFiles.write(work, config, name, content);
    }
}
