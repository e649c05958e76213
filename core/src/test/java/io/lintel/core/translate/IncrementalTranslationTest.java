package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A translator that keeps memos between calls must give exactly what a fresh translator gives, whatever changed in
 * between: random change sequences over Gateways, routes (HTTPRoute and GRPCRoute), Services, EndpointSlices and
 * ReferenceGrants, each step compared with a from-scratch translation. Unchanged documents keep their instances
 * between steps, as the store hands them on. (Core's registries read no GRPCRoute, whose changes are then unserved
 * routes; the route-grpc plugin runs the property with its kind through {@link #assertMemoisedEqualsFresh}.)
 */
public class IncrementalTranslationTest {

    private static final int ROUTES = 12;
    private static final int SERVICES = 4;
    private static final String[] HOSTNAMES = {"a.example.com", "b.example.com", "*.example.com", "x.a.example.com",
        "*.a.example.com", "other.test"};
    private static final String[] LISTENER_HOSTNAMES = {"", "*.example.com", "a.example.com"};
    private static final String[] PATHS = {"PathPrefix /", "PathPrefix /api", "PathPrefix /api/v1", "Exact /api",
        "RegularExpression /r[0-9]+", "Exact /"};

    private final TreeMap<ResourceKey, KubernetesDocument> documents = new TreeMap<>();
    private final Random random;

    IncrementalTranslationTest() {
        this.random = new Random(20261206L);
    }

    @Test
    void memoisedTranslationEqualsAFreshOneForRandomChangeSequences() {
        memoisedEqualsFresh(PluginRegistry.EMPTY);
    }

    /** Plugin policies come and go too (case 9): routes and Services they target gain and lose filters and checks. */
    @Test
    void memoisedTranslationEqualsAFreshOneWithPoliciesComingAndGoing() {
        withPolicies = true;
        memoisedEqualsFresh(FakePolicies.REGISTRY);
    }

    private boolean withPolicies;

    /** The property for random change sequences, translated with {@code registry} (e.g. one with a plugin's kind). */
    public static void assertMemoisedEqualsFresh(PluginRegistry registry) {
        new IncrementalTranslationTest().memoisedEqualsFresh(registry);
    }

    private void memoisedEqualsFresh(PluginRegistry registry) {
        for (int sequence = 0; sequence < 8; sequence++) {
            documents.clear();
            put(fixed());
            put(gateway(0));
            for (int s = 0; s < SERVICES; s++) {
                put(service(s, 8080));
                put(slice(s, s, 1));
            }
            for (int r = 0; r < ROUTES; r++) {
                put(route(r));
            }
            Translator incremental = new Translator(GoldenFiles.SETTINGS, registry);
            for (int step = 0; step < 25; step++) {
                String change = change();
                Snapshot snapshot = new Snapshot(step + 1, documents, List.of());
                TranslationResult memoised = incremental.translate(snapshot, GoldenFiles.NOW);
                TranslationResult fresh = new Translator(GoldenFiles.SETTINGS, registry)
                        .translate(snapshot, GoldenFiles.NOW);
                assertThat(memoised).as("sequence %d step %d after %s", sequence, step, change).isEqualTo(fresh);
            }
        }
    }

    @Test
    void manyNewDocumentsDecodedOnEveryCoreGiveWhatOneThreadGives() {
        put(fixed());
        put(gateway(0));
        for (int s = 0; s < SERVICES; s++) {
            put(service(s, 8080));
            put(slice(s, s, 1));
        }
        TreeMap<ResourceKey, KubernetesDocument> some = new TreeMap<>(documents);
        for (int r = 0; r < 600; r++) {
            List<KubernetesDocument> route = r % 50 == 7
                    ? GoldenFiles.documents("bad.yaml", """
                            apiVersion: gateway.networking.k8s.io/v1
                            kind: HTTPRoute
                            metadata: {name: bad%d, namespace: ns}
                            spec:
                              parentRefs: [{name: gw}]
                              unknownField: true
                            """.formatted(r))
                    : GoldenFiles.documents("r.yaml", """
                            apiVersion: gateway.networking.k8s.io/v1
                            kind: HTTPRoute
                            metadata: {name: r%d, namespace: ns}
                            spec:
                              parentRefs: [{name: gw}]
                              hostnames: [h%d.example.com]
                              rules:
                              - backendRefs: [{name: svc%d, port: 8080}]
                            """.formatted(r, r, r % SERVICES));
            put(route);
            if (r < 400) {
                route.forEach(d -> some.put(d.key(), d));
            }
        }
        Snapshot all = new Snapshot(2, documents, List.of());
        // 600 new routes at once are decoded in parallel; 200 after 400 are decoded one by one
        TranslationResult parallel = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY).translate(all, GoldenFiles.NOW);
        Translator stepwise = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY);
        stepwise.translate(new Snapshot(1, some, List.of()), GoldenFiles.NOW);
        TranslationResult sequential = stepwise.translate(all, GoldenFiles.NOW);

        assertThat(parallel).isEqualTo(sequential);
        assertThat(parallel.problems()).hasSize(12);
    }

    @Test
    void anUnchangedVirtualHostIsHandedOnAsTheSameInstance() {
        put(fixed());
        put(gateway(0));
        put(service(0, 8080));
        put(slice(0, 0, 1));
        for (int r = 0; r < 3; r++) {
            put(GoldenFiles.documents("r.yaml", """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: r%d, namespace: ns}
                    spec:
                      parentRefs: [{name: gw}]
                      hostnames: [h%d.example.com]
                      rules:
                      - backendRefs: [{name: svc0, port: 8080}]
                    """.formatted(r, r)));
        }
        Translator translator = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY);
        Map<String, IrVirtualHost> before = virtualHosts(translator.translate(new Snapshot(1, documents, List.of()),
                GoldenFiles.NOW));
        put(GoldenFiles.documents("r.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r1, namespace: ns}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [h1.example.com]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /changed}}]
                    backendRefs: [{name: svc0, port: 8080}]
                """));
        Map<String, IrVirtualHost> after = virtualHosts(translator.translate(new Snapshot(2, documents, List.of()),
                GoldenFiles.NOW));

        assertThat(after.get("h0.example.com")).isSameAs(before.get("h0.example.com"));
        assertThat(after.get("h2.example.com")).isSameAs(before.get("h2.example.com"));
        assertThat(after.get("h1.example.com")).isNotSameAs(before.get("h1.example.com"))
                .isNotEqualTo(before.get("h1.example.com"));
    }

    private static Map<String, IrVirtualHost> virtualHosts(TranslationResult result) {
        Map<String, IrVirtualHost> out = new TreeMap<>();
        for (IrSocket socket : result.ir().sockets()) {
            for (IrListener listener : socket.listeners()) {
                listener.virtualHosts().forEach(v -> out.put(v.hostname(), v));
            }
        }
        return out;
    }

    /** Applies one random change; returns what it did. */
    private String change() {
        int what = random.nextInt(10);
        switch (what) {
            case 0, 1, 2, 3 -> {
                int r = random.nextInt(ROUTES);
                if (random.nextInt(5) == 0) {
                    remove("gateway.networking.k8s.io", "HTTPRoute", "ns", "r" + r);
                    return "route r" + r + " removed";
                }
                put(route(r));
                return "route r" + r + " changed";
            }
            case 4 -> {
                int s = random.nextInt(SERVICES);
                put(slice(s, random.nextInt(SERVICES), 1 + random.nextInt(3)));
                return "slice of svc" + s + " changed";
            }
            case 5 -> {
                int s = random.nextInt(SERVICES);
                if (random.nextBoolean()) {
                    remove("", "Service", "ns", "svc" + s);
                    return "service svc" + s + " removed";
                }
                put(service(s, random.nextBoolean() ? 8080 : 9090));
                return "service svc" + s + " changed";
            }
            case 6 -> {
                put(gateway(random.nextInt(LISTENER_HOSTNAMES.length)));
                return "gateway changed";
            }
            case 7 -> {
                if (random.nextBoolean()) {
                    put(GoldenFiles.documents("g.yaml", """
                            apiVersion: gateway.networking.k8s.io/v1beta1
                            kind: ReferenceGrant
                            metadata: {name: grant, namespace: other}
                            spec:
                              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: ns}]
                              to: [{group: "", kind: Service}]
                            """));
                    return "grant added";
                }
                remove("gateway.networking.k8s.io", "ReferenceGrant", "other", "grant");
                return "grant removed";
            }
            case 8 -> {
                int r = random.nextInt(3);
                put(GoldenFiles.documents("grpc.yaml", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: GRPCRoute
                        metadata: {name: g%d, namespace: ns}
                        spec:
                          parentRefs: [{name: gw}]
                          hostnames: ["%s"]
                          rules:
                          - matches: [{method: {service: svc.S%d}}]
                            backendRefs: [{name: svc%d, port: 8080}]
                        """.formatted(r, HOSTNAMES[random.nextInt(HOSTNAMES.length)], random.nextInt(3),
                        random.nextInt(SERVICES))));
                return "grpc route g" + r + " changed";
            }
            case 9 -> {
                if (!withPolicies) {
                    return "nothing";
                }
                int r = random.nextInt(ROUTES);
                int s = random.nextInt(SERVICES);
                if (random.nextInt(3) == 0) {
                    remove("example.com", "FakeRoutePolicy", "ns", "p" + r % 3);
                    remove("example.com", "FakeServicePolicy", "ns", "p" + s % 2);
                    return "policies p" + r % 3 + " and p" + s % 2 + " removed";
                }
                put(GoldenFiles.documents("p.yaml", """
                        apiVersion: example.com/v1alpha1
                        kind: FakeRoutePolicy
                        metadata: {name: p%d, namespace: ns}
                        spec:
                          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: r%d}]
                          limit: %d
                        ---
                        apiVersion: example.com/v1alpha1
                        kind: FakeServicePolicy
                        metadata: {name: p%d, namespace: ns}
                        spec:
                          targetRefs: [{group: "", kind: Service, name: svc%d}]
                        """.formatted(r % 3, r, random.nextInt(3), s % 2, s)));
                return "policies on route r" + r + " and svc" + s + " changed";
            }
            default -> {
                return "nothing";
            }
        }
    }

    private void put(List<KubernetesDocument> docs) {
        docs.forEach(d -> documents.put(d.key(), d));
    }

    private void remove(String group, String kind, String namespace, String name) {
        documents.remove(new ResourceKey(group, kind, namespace, name));
    }

    private static List<KubernetesDocument> fixed() {
        return GoldenFiles.documents("fixed.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: remote, namespace: other}
                spec:
                  ports:
                  - {port: 8080}
                """);
    }

    private static List<KubernetesDocument> gateway(int variant) {
        String hostname = LISTENER_HOSTNAMES[variant];
        return GoldenFiles.documents("gw.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: ns}
                spec:
                  gatewayClassName: lintel
                  listeners:
                  - {name: http, port: 80, protocol: HTTP%s}
                  - {name: other, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
                """.formatted(hostname.isEmpty() ? "" : ", hostname: \"" + hostname + "\""));
    }

    private static List<KubernetesDocument> service(int s, int port) {
        return GoldenFiles.documents("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: svc%d, namespace: ns}
                spec:
                  ports:
                  - {name: http, port: %d}
                """.formatted(s, port));
    }

    private static List<KubernetesDocument> slice(int s, int service, int endpoints) {
        StringBuilder addresses = new StringBuilder();
        for (int e = 0; e < endpoints; e++) {
            addresses.append("  - addresses: [10.0.").append(s).append('.').append(e + 1).append("]\n");
        }
        return GoldenFiles.documents("slice.yaml", """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: slice%d
                  namespace: ns
                  labels: {kubernetes.io/service-name: svc%d}
                addressType: IPv4
                ports:
                - {name: http, port: 8080}
                endpoints:
                """.formatted(s, service) + addresses);
    }

    private List<KubernetesDocument> route(int r) {
        List<String> hostnames = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            hostnames.add('"' + HOSTNAMES[random.nextInt(HOSTNAMES.length)] + '"');
        }
        StringBuilder rules = new StringBuilder();
        int ruleCount = 1 + random.nextInt(3);
        for (int i = 0; i < ruleCount; i++) {
            String[] path = PATHS[random.nextInt(PATHS.length)].split(" ");
            String backend = random.nextInt(6) == 0 ? "{name: remote, namespace: other, port: 8080}"
                    : "{name: svc" + random.nextInt(SERVICES) + ", port: 8080}";
            rules.append("  - matches: [{path: {type: ").append(path[0]).append(", value: \"").append(path[1])
                    .append("\"}").append(random.nextInt(4) == 0 ? ", method: GET" : "").append("}]\n")
                    .append("    backendRefs: [").append(backend).append("]\n");
        }
        String section = random.nextInt(4) == 0 ? ", sectionName: other" : "";
        return GoldenFiles.documents("route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r%d, namespace: ns}
                spec:
                  parentRefs: [{name: gw%s}]
                  hostnames: [%s]
                  rules:
                """.formatted(r, section, String.join(", ", hostnames)) + rules);
    }
}
