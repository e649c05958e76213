package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, a backend that accepts and never answers, behind a route without {@code timeouts}: the distribution's
 * default request timeout (here 1 s through {@code LINTEL_OPTS=-Dlintel.route.defaultTimeoutSeconds=1}) answers 504.
 */
class HungBackendIT {

    private static final Duration DEFAULT = Duration.ofSeconds(1);

    @TempDir
    static Path work;

    private static ServerSocket hung;
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
    private static NamedBackend app;
    private static int gatewayPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void start() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    HELD.add(hung.accept());  // accepted, never read, never answered
                }
            } catch (IOException e) {
                // closed by the test
            }
        }, "hung-backend");
        acceptor.setDaemon(true);
        acceptor.start();
        app = new NamedBackend("app");
        ItGateway gateway = ItGateway.in(work)
                .file("20-services.yaml", Manifests.serviceWithEndpoint("app", app.port())
                        + "---\n" + Manifests.serviceWithEndpoint("hung", hung.getLocalPort()))
                .file("30-routes.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: routes
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /hung}
                      backendRefs:
                        - {name: hung, port: 80}
                    - matches:
                        - path: {type: PathPrefix, value: /}
                      backendRefs:
                        - {name: app, port: 80}
                """)
                .start("HungBackendIT",
                        Map.of("LINTEL_OPTS", "-Dlintel.route.defaultTimeoutSeconds=" + DEFAULT.toSeconds()));
        gatewayPort = gateway.port();
        lintel = gateway.process();
        lintel.awaitOrExplain(Duration.ofSeconds(30),
                () -> assertThat(ItHttp.get(gatewayPort, "/").statusCode()).isEqualTo(200));
    }

    @AfterAll
    static void stop() throws IOException {
        if (lintel != null) {
            lintel.close();
        }
        if (app != null) {
            app.close();
        }
        if (hung != null) {
            hung.close();
        }
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    @Test
    void aBackendThatNeverAnswersGets504AfterTheDefaultTimeout() throws Exception {
        long start = System.nanoTime();
        // the hostile-client suite's bound: a client of another route is served within 200 ms meanwhile
        try (VictimClient victim = new VictimClient(gatewayPort, "victim.example", "app\n")) {
            VictimClient.Outcome<Integer> outcome = victim.during("hung backend",
                    () -> ItHttp.get(gatewayPort, "/hung").statusCode());
            assertThat(outcome.result()).isEqualTo(504);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(DEFAULT).isLessThan(Duration.ofSeconds(15));
        assertThat(HELD).as("the request reached the backend").isNotEmpty();
    }
}
