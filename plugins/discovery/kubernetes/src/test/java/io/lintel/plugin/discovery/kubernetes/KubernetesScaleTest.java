package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lintel.core.inject.LintelRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many routes through the mock API server: every route is served, and a route edited on the API server is served
 * with its new content (the backend of the other parity). The route count is {@code -Dlintel.scale.routes} (default 300, so that the build stays
 * quick); with {@code -Dlintel.scale.routes=10000} it is the measurement, and the test prints the median and
 * worst time from the edit's acknowledgement by the API server to the data plane serving it (a figure, not an
 * assertion: no unit test asserts a time), over edits spaced by {@link #PAUSE_BETWEEN_EDITS_MILLIS}.
 *
 * <p>{@code -Dlintel.scale.writeStatus=false} measures without status writes. With them (the default), the edits are
 * measured once every route's status is written. A start at 10 000 routes
 * queues 10 000 status writes, and the mock API server (in this JVM, on the same cores) answers each by matching the
 * request against every stored object: a JFR profile of the measurement showed its event loop with 7 205 samples
 * against Lintel's control thread's 581. A real API server runs elsewhere; the figure without the writes is the
 * gateway's own.
 */
class KubernetesScaleTest {

    private static final int ROUTES = Integer.getInteger("lintel.scale.routes", 300);
    private static final int CHANGES = 20;
    private static final boolean WRITE_STATUS =
            Boolean.parseBoolean(System.getProperty("lintel.scale.writeStatus", "true"));
    /**
     * Between two measured edits: longer than the store's debounce ({@code ResourceStore.DEFAULT_DEBOUNCE}), so that
     * each edit is measured on its own, as a user's edit is, and not as the tail of a burst the store coalesces (an
     * edit made right after the previous one was served waits out the rest of the debounce). The file source's scale
     * driver pauses the same way ({@code integration-tests/scale/run --change-pause-ms}).
     */
    private static final long PAUSE_BETWEEN_EDITS_MILLIS = 100;

    private MockApiServer mock;
    private LintelRuntime runtime;
    private int port;
    private final List<Backend> backends = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        mock = MockApiServer.start();
        port = Clients.freePort();
        backends.add(new Backend("backend-0"));
        backends.add(new Backend("backend-1"));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        backends.forEach(Backend::close);
        mock.close();
    }

    @Test
    void everyRouteIsServedAndAnEditedRouteIsServedWithItsNewContent() throws Exception {
        mock.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: apps}
                spec:
                  gatewayClassName: lintel
                  listeners:
                  - {name: http, port: PORT, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
                """.replace("PORT", String.valueOf(port)) + service(0) + service(1));
        ExecutorService creators = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < ROUTES; i++) {
                int r = i;
                created.add(creators.submit(() -> mock.apply(route(r, 0))));
            }
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            creators.shutdownNow();
        }
        long started = System.nanoTime();
        runtime = LintelOnMock.start(mock, "127.0.0.1", "scale", KubernetesSourceSettings.LEASE_NAMESPACE, "lintel-system",
                KubernetesSourceSettings.WRITE_STATUS, String.valueOf(WRITE_STATUS));
        try (Probe probe = new Probe(port)) {
            await().atMost(Duration.ofMinutes(5)).until(() -> probe.serves(ROUTES - 1, 0) && probe.serves(0, 0));
            System.out.printf("kubernetes scale: %d routes served %.1f s after start%n", ROUTES,
                    (System.nanoTime() - started) / 1e9);
            if (WRITE_STATUS) {
                // the start's status writes (one per route) done first: the edits below are measured in a steady
                // state, where an edit brings one status write, not behind the start's queue
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> routesWithStatus() == ROUTES);
                System.out.printf("kubernetes scale: status of %d routes written %.1f s after start%n", ROUTES,
                        (System.nanoTime() - started) / 1e9);
            }

            List<Double> millis = new ArrayList<>();
            for (int k = 1; k <= CHANGES; k++) {
                int r = (k * 7919) % ROUTES; // a different route each time: it goes from backend-0 to backend-1
                int version = 1;
                // spaces the measurements (see PAUSE_BETWEEN_EDITS_MILLIS); nothing is awaited here
                Thread.sleep(PAUSE_BETWEEN_EDITS_MILLIS);
                editRoute(r, version);
                long before = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> probe.serves(r, version));
                millis.add((System.nanoTime() - before) / 1e6);
            }
            millis.sort(null);
            System.out.printf("kubernetes scale: %d routes, one route edited -> served: median %.1f ms, max %.1f ms%n",
                    ROUTES, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
            Set<Integer> edited = new HashSet<>();
            for (int k = 1; k <= CHANGES; k++) {
                edited.add((k * 7919) % ROUTES);
            }
            int untouched = 0;
            while (edited.contains(untouched)) {
                untouched++;
            }
            assertThat(probe.serves(untouched, 0)).as("a route nobody edited keeps its content").isTrue();
        }
    }

    private String service(int b) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc-B, namespace: apps}
                spec: {ports: [{name: http, port: 80, protocol: TCP}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: svc-B-1, namespace: apps, labels: {kubernetes.io/service-name: svc-B}}
                addressType: IPv4
                endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
                ports: [{name: http, port: PORT, protocol: TCP}]
                """.replace("B", String.valueOf(b)).replace("PORT", String.valueOf(backends.get(b).port()));
    }

    /** A route to the backend of the version's parity, so that each edit changes what a request gets. */
    private static String route(int r, int version) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: route%d, namespace: apps}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [h%d.scale.test]
                  rules:
                  - backendRefs: [{name: svc-%d, port: 80}]
                """.formatted(r, r, version % 2);
    }

    /** How many routes carry a status with at least one parent (written by the gateway). */
    private long routesWithStatus() {
        return mock.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace("apps")
                .list().getItems().stream()
                .filter(route -> route.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                        && status.get("parents") instanceof List<?> parents && !parents.isEmpty())
                .count();
    }

    /** Edits as kubectl edit does; a status write in between is a conflict to retry. */
    private void editRoute(int r, int version) {
        await().atMost(Duration.ofSeconds(10)).ignoreException(KubernetesClientException.class).until(() -> {
            mock.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace("apps")
                    .withName("route" + r).edit((GenericKubernetesResource route) -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> spec = (Map<String, Object>) route.getAdditionalProperties().get("spec");
                        spec.put("rules", List.of(Map.of("backendRefs",
                                List.of(Map.of("name", "svc-" + (version % 2), "port", 80)))));
                        return route;
                    });
            return true;
        });
    }

    /** One keep-alive HTTP/1.1 connection to the data plane, reopened when the gateway closes it. */
    private static final class Probe implements AutoCloseable {

        private final int port;
        private Socket socket;

        Probe(int port) {
            this.port = port;
        }

        boolean serves(int route, int version) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    socket.setSoTimeout(5000);
                }
                OutputStream out = socket.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: h" + route + ".scale.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = read(socket.getInputStream());
                if (answer.toLowerCase().contains("connection: close")) {
                    close();
                }
                return answer.startsWith("HTTP/1.1 200") && answer.endsWith("backend-" + (version % 2));
            } catch (IOException e) {
                close();
                return false;
            }
        }

        /** The response head and body (whose length the head gives). */
        private static String read(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.append((char) b);
            }
            String text = head.toString();
            int at = text.toLowerCase().indexOf("content-length:");
            if (at >= 0) {
                int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
                return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            return text;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }
}
