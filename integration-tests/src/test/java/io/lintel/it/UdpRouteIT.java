package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.testing.UdpClient;
import io.lintel.core.testing.UdpEchoBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UDPRoute end to end: the distribution with a UDP listener and a UDPRoute over two UDP echo backends, read from a
 * config directory. Each client (address:port) is a flow kept on one backend, flows spread by weight, an idle flow
 * expires after {@code udp.flowIdleTimeoutSeconds} (3 s here, through {@code LINTEL_OPTS}: short enough to wait for,
 * long enough that a busy machine does not expire a flow between two datagrams of a test) as {@code /metrics} shows,
 * and a changed route applies to new flows.
 */
class UdpRouteIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    static Path work;

    private static UdpEchoBackend echoA;
    private static UdpEchoBackend echoB;
    private static Path config;
    private static int udpPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void start() throws IOException {
        echoA = new UdpEchoBackend("A");
        echoB = new UdpEchoBackend("B");
        udpPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        config = Files.createDirectories(work.resolve("config"));
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: udp
                  namespace: default
                spec:
                  gatewayClassName: lintel
                  addresses:
                    - type: IPAddress
                      value: 127.0.0.1
                  listeners:
                    - name: udp
                      protocol: UDP
                      port: %d
                """.formatted(udpPort));
        ConfigFiles.write(work, config, "20-services.yaml", udpService("echo-a", echoA.port()) + "---\n"
                + udpService("echo-b", echoB.port()));
        writeRoute(1, 1);
        lintel = LintelProcess.start(LintelProcess.home(),
                Map.of("LINTEL_OPTS", "-Dlintel.udp.flowIdleTimeoutSeconds=3"),
                LOGS.resolve("UdpRouteIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(exchangeOnce("ready")).isNotNull());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (lintel != null) {
            lintel.close();
        }
        if (echoA != null) {
            echoA.close();
        }
        if (echoB != null) {
            echoB.close();
        }
    }

    @Test
    void eachClientStaysOnOneBackendAndClientsSpreadByWeight() throws Exception {
        Set<String> backends = new HashSet<>();
        // 30 flows all on one backend of two of equal weight: odds of 2^-29
        for (int i = 0; i < 30; i++) {
            try (UdpClient client = new UdpClient(udpPort)) {
                String first = client.exchange("hello");
                assertThat(first).matches("[AB]:hello");
                String backend = first.substring(0, 1);
                for (int j = 0; j < 3; j++) {
                    assertThat(client.exchange("n" + j)).isEqualTo(backend + ":n" + j);
                }
                backends.add(backend);
            }
        }
        assertThat(backends).containsExactlyInAnyOrder("A", "B");
    }

    @Test
    void idleFlowsExpireAndTheNextDatagramStartsANewOne() throws Exception {
        try (UdpClient client = new UdpClient(udpPort)) {
            long opened = metric("lintel_udp_flows_opened_total");
            assertThat(client.exchange("one")).matches("[AB]:one");
            // the flow's idle timer (3 s) closes it; no other test keeps a flow open past its own end
            lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(metric("lintel_udp_flows")).isZero());
            assertThat(client.exchange("two")).matches("[AB]:two");
            assertThat(metric("lintel_udp_flows_opened_total")).isGreaterThanOrEqualTo(opened + 2);
        }
    }

    @Test
    void aChangedRouteAppliesToNewFlows() throws Exception {
        try {
            writeRoute(0, 1);
            lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 5; i++) {
                    assertThat(exchangeOnce("x")).isEqualTo("B:x");
                }
            });
        } finally {
            writeRoute(1, 1);
        }
    }

    private static void writeRoute(int weightA, int weightB) throws IOException {
        ConfigFiles.write(work, config, "30-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: UDPRoute
                metadata:
                  name: echo
                  namespace: default
                spec:
                  parentRefs:
                    - name: udp
                      sectionName: udp
                  rules:
                    - backendRefs:
                        - name: echo-a
                          port: 8080
                          weight: %d
                        - name: echo-b
                          port: 8080
                          weight: %d
                """.formatted(weightA, weightB));
    }

    /** A Service with UDP port 8080 and the EndpointSlice that puts it on 127.0.0.1:{@code targetPort}. */
    private static String udpService(String name, int targetPort) {
        return Manifests.service(name, "udp", 8080, "UDP", "", targetPort, "127.0.0.1");
    }

    /** One exchange from a new client (a new flow): the answer, or null when none came. */
    private static String exchangeOnce(String text) throws IOException {
        try (UdpClient client = new UdpClient(udpPort)) {
            client.send(text);
            return client.receive(2_000);
        }
    }

    private static long metric(String series) throws IOException, InterruptedException {
        String text = ItHttp.get(adminPort, "/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+]+)$").matcher(text);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    }
}
