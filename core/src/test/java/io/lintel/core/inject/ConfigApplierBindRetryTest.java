package io.lintel.core.inject;

import static io.lintel.core.inject.BindStatuses.gateway;
import static io.lintel.core.inject.BindStatuses.programmed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.BindRetry;
import io.lintel.core.server.BindRetrySchedule;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import io.lintel.spi.config.ResourceKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A listener whose port is held by someone else, end to end on loopback: translated, applied to a real
 * {@link NettyDataPlane}, its status published, retried on a control thread until the port is free.
 */
@ExtendWith(NettyLeakDetection.class)
class ConfigApplierBindRetryTest {

    private static final BindRetrySchedule FAST = new BindRetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor();
    private final List<Future<?>> retries = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<ResourceKey, Map<String, Object>>> written = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private HttpServer backend;
    private NettyDataPlane dataPlane;
    private RuntimeState state;
    private ConfigApplier applier;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", exchange -> {
            byte[] body = "A".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        GatewayMetrics metrics = new GatewayMetrics();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), PluginRegistry.EMPTY, metrics, DataPlaneSettings.DEFAULTS);
        state = new RuntimeState(() -> true, List::of, List::of);
        BindRetry.Scheduler scheduler = (task, delay) -> {
            Future<?> future = control.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            retries.add(future);
            return future;
        };
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        applier = new ConfigApplier(
                new Translator(new TranslatorSettings(TranslatorSettings.DEFAULT_CONTROLLER_NAME, "127.0.0.1"),
                        PluginRegistry.EMPTY),
                dataPlane, state, metrics, List.of((key, status) -> written.add(Map.entry(key, status))), clock,
                scheduler, FAST);
    }

    @AfterEach
    void stop() throws Exception {
        control.shutdownNow();
        control.awaitTermination(10, TimeUnit.SECONDS);
        dataPlane.close();
        backend.stop(0);
    }

    @Test
    void aListenerWhosePortIsHeldIsNotProgrammedUntilTheRetryBindsIt() throws Exception {
        int port;
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = blocker.getLocalPort();
            apply(port);

            Map<String, Object> listener = programmed(gateway(state.statuses(), "gw"), "web");
            assertThat(listener.get("status")).isEqualTo("False");
            assertThat(listener.get("reason")).isEqualTo("Pending");
            assertThat((String) listener.get("message")).contains("cannot bind 127.0.0.1:" + port + " (")
                    .contains("Address already in use");
            assertThat(programmed(gateway(state.statuses(), "gw"))).containsEntry("status", "False")
                    .containsEntry("reason", "Pending");
            assertThat(state.readyDetail()).anyMatch(line -> line.startsWith("bind failed: 127.0.0.1:" + port + ": "));
            assertThat(lastWrittenProgrammed()).containsEntry("status", "False");
            // the port is still held: retries keep failing, and the status stays
            await().atMost(Duration.ofSeconds(10)).until(() -> retries.size() >= 3);
            assertThat(programmed(gateway(state.statuses(), "gw"))).containsEntry("status", "False");

            now.set(T0.plusSeconds(60));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(programmed(gateway(state.statuses(), "gw"), "web")).containsEntry("status", "True"));

        assertThat(get(port)).isEqualTo("A");
        ResourceStatus gw = gateway(state.statuses(), "gw");
        assertThat(programmed(gw, "web")).containsEntry("reason", "Programmed")
                .containsEntry("lastTransitionTime", "2026-12-06T10:01:00Z");
        assertThat(programmed(gw)).containsEntry("status", "True")
                .containsEntry("lastTransitionTime", "2026-12-06T10:01:00Z");
        // the Accepted condition did not change: it keeps its time
        assertThat(gw.status().get("conditions").toString()).contains("lastTransitionTime=2026-12-06T10:00:00Z");
        assertThat(state.readyDetail()).noneMatch(line -> line.startsWith("bind failed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lastWrittenProgrammed()).containsEntry("status", "True"));
        assertThat(dataPlane.bindFailures()).isEmpty();
    }

    @Test
    void aNewerConfigurationThatNoLongerWantsTheSocketCancelsTheRetry() throws Exception {
        int free = freePort();
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            apply(blocker.getLocalPort());
            assertThat(retries).hasSize(1);

            apply(free);

            assertThat(retries).hasSize(1).allMatch(Future::isCancelled);
            assertThat(dataPlane.bindFailures()).isEmpty();
            assertThat(programmed(gateway(state.statuses(), "gw"))).containsEntry("status", "True");
        }
        // were a retry still due, it would run before this task, which is due after the longest delay
        control.schedule(() -> { }, FAST.max().multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS).get(10, TimeUnit.SECONDS);

        assertThat(retries).hasSize(1);
        assertThat(dataPlane.boundSockets()).containsExactly(new SocketKey("127.0.0.1", free));
        assertThat(get(free)).isEqualTo("A");
    }

    private void apply(int port) throws Exception {
        String yaml = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec:
                  gatewayClassName: lintel
                  listeners:
                  - {name: web, port: PORT, protocol: HTTP}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: infra}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{backendRefs: [{name: echo, port: 80}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: echo, namespace: infra}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: echo-1
                  namespace: infra
                  labels: {kubernetes.io/service-name: echo}
                addressType: IPv4
                ports: [{port: BACKEND}]
                endpoints: [{addresses: [127.0.0.1]}]
                """
                .replace("PORT", Integer.toString(port))
                .replace("BACKEND", Integer.toString(backend.getAddress().getPort()));
        Snapshot snapshot = Snapshot.of(GoldenFiles.documents("test.yaml", yaml));
        // on the control thread, as the store does
        control.submit(() -> applier.apply(snapshot)).get(30, TimeUnit.SECONDS);
    }

    private Map<String, Object> lastWrittenProgrammed() {
        for (int i = written.size() - 1; i >= 0; i--) {
            if (written.get(i).getKey().kind().equals("Gateway")) {
                ResourceStatus status = new ResourceStatus(written.get(i).getKey(), "v1", 0, written.get(i).getValue());
                return programmed(status);
            }
        }
        throw new AssertionError("no Gateway status written: " + written);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The body of {@code GET /} on the port, over a connection closed after it. */
    private static String get(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
