package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.plugin.PluginReports;
import io.lintel.core.plugin.PolicyPlugins;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.BackendRef;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ParentRef;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.kind.StreamRouteRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generic path of route kinds plugins register, with a kind of its own group ({@code example.io/EchoRoute}, TCP
 * listeners) that core knows nothing of: what the plugin validates and describes is attached, reported and served as
 * core's own routes are; core checks the envelope; without the kind a Gateway API route kind is reported as not
 * served.
 */
class PluginRouteKindsTest {

    /** {@code spec.service} names the backend (port 80); {@code spec.fail} makes describe throw. */
    private static final StreamRouteKind ECHO = new StreamRouteKind() {
        @Override
        public ResourceKind kind() {
            return ResourceKind.of("example.io", "EchoRoute", "v1", "v1beta1");
        }

        @Override
        public ListenerProtocol protocol() {
            return ListenerProtocol.TCP;
        }

        @Override
        public Set<GatewayFeature> features() {
            return Set.of(GatewayFeature.of("EchoRoute"));
        }

        @Override
        public List<FieldViolation> validate(KubernetesDocument document) {
            Object spec = document.content().get("spec");
            if (!(spec instanceof Map<?, ?> map) || !(map.get("service") instanceof String)) {
                return List.of(new FieldViolation("spec.service", "is required"));
            }
            return List.of();
        }

        @Override
        public StreamRoute describe(KubernetesDocument document) {
            Map<?, ?> spec = (Map<?, ?>) document.content().get("spec");
            if (spec.containsKey("fail")) {
                throw new IllegalStateException("describe failed on purpose");
            }
            String namespace = (String) spec.get("serviceNamespace");
            return new StreamRoute(List.of(ParentRef.gateway("gw")), List.of(), List.of(new StreamRouteRule(
                    Optional.empty(), List.of(new BackendRef("", "Service", Optional.ofNullable(namespace),
                            (String) spec.get("service"), Optional.of(80), 1)))));
        }
    };

    private static final PluginRegistry WITH_ECHO = new PluginRegistry(List.of("echo"), Map.of(), Map.of(), List.of(),
            Map.of(), Set.of(GatewayFeature.Gateway, GatewayFeature.of("EchoRoute")), PolicyPlugins.NONE, new PluginReports(),
            List.of(ECHO));

    private static final String BASE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: ns}
            spec:
              gatewayClassName: lintel
              listeners:
              - {name: tcp, port: 9000, protocol: TCP}
              - name: tls
                port: 9443
                protocol: TLS
                tls: {mode: Passthrough}
                allowedRoutes:
                  kinds: [{kind: TLSRoute}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc, namespace: ns}
            spec:
              ports:
              - {port: 80}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: other, namespace: elsewhere}
            spec:
              ports:
              - {port: 80}
            """;

    private static TranslationResult translate(String yaml, PluginRegistry registry) {
        return new Translator(GoldenFiles.SETTINGS, registry)
                .translate(Snapshot.of(GoldenFiles.documents("test.yaml", yaml)), GoldenFiles.NOW);
    }

    @Test
    void aPluginsKindIsAttachedReportedAndServedOnTheListenersOfItsProtocol() {
        TranslationResult result = translate(BASE + """
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: echo, namespace: ns}
                spec: {service: svc}
                """, WITH_ECHO);

        assertThat(result.problems()).isEmpty();
        assertThat(listenerStatus(result, "tcp").get("supportedKinds"))
                .isEqualTo(List.of(Map.of("group", "example.io", "kind", "EchoRoute")));
        assertThat(listenerStatus(result, "tcp").get("attachedRoutes")).isEqualTo(1);
        assertThat(parentConditions(result, "echo")).containsEntry("Accepted", "True").containsEntry("ResolvedRefs", "True");
        IrListener tcp = listener(result, 9000);
        assertThat(tcp.passthrough().orElseThrow().routes()).singleElement().satisfies(route -> {
            assertThat(route.name()).isEqualTo("echoroute/ns/echo");
            assertThat(route.backends()).singleElement().satisfies(b -> assertThat(b.name()).isEqualTo("ns/svc:80"));
        });
        assertThat(gatewayClassFeatures(result)).contains("EchoRoute");
    }

    @Test
    void referenceGrantsAreReadForThePluginsGroupAndKind() {
        String route = """
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: echo, namespace: ns}
                spec: {service: other, serviceNamespace: elsewhere}
                """;
        assertThat(parentConditions(translate(BASE + route, WITH_ECHO), "echo"))
                .containsEntry("ResolvedRefs", "False/RefNotPermitted");

        TranslationResult granted = translate(BASE + route + """
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: echo-routes, namespace: elsewhere}
                spec:
                  from: [{group: example.io, kind: EchoRoute, namespace: ns}]
                  to: [{group: "", kind: Service}]
                """, WITH_ECHO);
        assertThat(parentConditions(granted, "echo")).containsEntry("ResolvedRefs", "True");
    }

    @Test
    void coreChecksTheEnvelopeAndReportsWhatThePluginRefusesOrFailsOn() {
        TranslationResult result = translate(BASE + """
                ---
                apiVersion: example.io/v2
                kind: EchoRoute
                metadata: {name: wrong-version, namespace: ns}
                spec: {service: svc}
                ---
                apiVersion: example.io/v1beta1
                kind: EchoRoute
                metadata: {name: refused, namespace: ns}
                spec: {}
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: extra-field, namespace: ns}
                spec: {service: svc}
                data: {x: y}
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: bad-metadata, namespace: ns, colour: blue}
                spec: {service: svc}
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: Bad_Namespace, namespace: Bad_Namespace}
                spec: {service: svc}
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: failing, namespace: ns}
                spec: {service: svc, fail: true}
                """, WITH_ECHO);

        assertThat(result.problems()).extracting(PluginRouteKindsTest::describe).containsExactlyInAnyOrder(
                "EchoRoute Bad_Namespace/Bad_Namespace: metadata.namespace: \"Bad_Namespace\" is invalid (expected to "
                        + "match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)",
                "EchoRoute ns/bad-metadata: metadata.colour: unknown field \"colour\" (not part of EchoRoute example.io/v1)",
                "EchoRoute ns/extra-field: data: unknown field \"data\" (not part of EchoRoute example.io/v1)",
                "EchoRoute ns/failing: : cannot be read: the plugin that reads example.io/EchoRoute failed while "
                        + "describing it: java.lang.IllegalStateException: describe failed on purpose",
                "EchoRoute ns/refused: spec.service: is required",
                "EchoRoute ns/wrong-version: apiVersion: unsupported apiVersion \"example.io/v2\" for EchoRoute (expected "
                        + "example.io/v1 or example.io/v1beta1, the versions its plugin reads)");
        assertThat(result.statuses()).noneMatch(s -> s.key().kind().equals("EchoRoute"));
        assertThat(listenerStatus(result, "tcp").get("attachedRoutes")).isEqualTo(0);
    }

    @Test
    void withoutAPluginAGatewayApiRouteKindIsReportedAsNotServedAndListenersDoNotSupportIt() {
        TranslationResult result = translate(BASE + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata: {name: tls, namespace: ns}
                spec:
                  parentRefs: [{name: gw, sectionName: tls}]
                  hostnames: [a.example.com]
                  rules: [{backendRefs: [{name: svc, port: 80}]}]
                ---
                apiVersion: example.io/v1
                kind: EchoRoute
                metadata: {name: echo, namespace: ns}
                spec: {service: svc}
                """, PluginRegistry.EMPTY);

        // EchoRoute is not a Gateway API kind: it may be a filter's configuration, so it is left alone
        assertThat(result.problems()).extracting(PluginRouteKindsTest::describe).containsExactly(
                "TLSRoute ns/tls: kind: not served: no loaded plugin reads the kind gateway.networking.k8s.io/TLSRoute "
                        + "(the route-tls plugin would serve it; the route is ignored until one is installed in the "
                        + "plugins directory)");
        assertThat(result.statuses()).noneMatch(s -> s.key().kind().equals("TLSRoute"));
        assertThat(listenerStatus(result, "tcp").get("supportedKinds")).isEqualTo(List.of());
        Map<String, Object> tls = listenerStatus(result, "tls");
        assertThat(tls.get("supportedKinds")).isEqualTo(List.of());
        assertThat(conditions(tls)).containsEntry("ResolvedRefs", "False/InvalidRouteKinds");
        assertThat(message(tls, "ResolvedRefs")).isEqualTo("route kinds not supported on protocol TLS: "
                + "gateway.networking.k8s.io/TLSRoute; no loaded plugin serves TLSRoute (route-tls)");
        assertThat(gatewayClassFeatures(result)).doesNotContain("TLSRoute", "TCPRoute", "UDPRoute", "EchoRoute");
    }

    private static String describe(ConfigProblem problem) {
        return problem.resource().orElseThrow() + ": " + problem.fieldPath() + ": " + problem.message();
    }

    private static ResourceStatus status(TranslationResult result, String kind, String name) {
        return result.statuses().stream().filter(s -> s.key().kind().equals(kind) && s.key().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no status of " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listenerStatus(TranslationResult result, String name) {
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) status(result, "Gateway", "gw").status()
                .get("listeners");
        return listeners.stream().filter(l -> l.get("name").equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parentConditions(TranslationResult result, String route) {
        List<Map<String, Object>> parents = (List<Map<String, Object>>) status(result, "EchoRoute", route).status()
                .get("parents");
        assertThat(parents).hasSize(1);
        return conditions(parents.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> conditions(Map<String, Object> holder) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) holder.get("conditions")) {
            out.put((String) c.get("type"), c.get("status").equals("False") ? "False/" + c.get("reason")
                    : String.valueOf(c.get("status")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String message(Map<String, Object> holder, String type) {
        return ((List<Map<String, Object>>) holder.get("conditions")).stream().filter(c -> c.get("type").equals(type))
                .map(c -> (String) c.get("message")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> gatewayClassFeatures(TranslationResult result) {
        return ((List<Map<String, Object>>) status(result, "GatewayClass", "lintel").status().get("supportedFeatures"))
                .stream().map(f -> (String) f.get("name")).toList();
    }

    private static IrListener listener(TranslationResult result, int port) {
        IrSocket socket = result.ir().sockets().stream().filter(s -> s.port() == port).findFirst().orElseThrow();
        return socket.listeners().get(0);
    }
}
