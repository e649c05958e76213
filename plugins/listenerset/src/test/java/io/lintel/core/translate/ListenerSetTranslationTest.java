package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrListener;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.plugin.route.support.testing.RouteGoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ListenerSets (GEP-1713): which a Gateway takes, conflict precedence, route attachment and status; with the
 * listenerset plugin loaded as core loads it (in core's package, as before the kind became the plugin's, to read the
 * translator's package-private results).
 */
class ListenerSetTranslationTest {

    private static final PluginRegistry PLUGINS = RouteGoldenFiles.registry();

    private static final String CLASS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: other, labels: {team: a}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc, namespace: ns}
            spec:
              ports:
              - {port: 8080}
            """;

    private static String gateway(String allowedListeners) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: ns, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec:
                  gatewayClassName: lintel
                %s
                  listeners:
                  - {name: http, port: 80, protocol: HTTP, hostname: gw.example.com}
                """.formatted(allowedListeners);
    }

    private static String listenerSet(String namespace, String name, String created, String hostname) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata: {name: %s, namespace: %s, creationTimestamp: "%s"}
                spec:
                  parentRef: {name: gw, namespace: ns}
                  listeners:
                  - name: l
                    port: 80
                    protocol: HTTP
                    hostname: %s
                    allowedRoutes: {namespaces: {from: All}}
                """.formatted(name, namespace, created, hostname);
    }

    private static TranslationResult translate(String yaml) {
        return new Translator(GoldenFiles.SETTINGS, PLUGINS)
                .translate(Snapshot.of(GoldenFiles.documents("test.yaml", yaml)), GoldenFiles.NOW);
    }

    private static Map<String, Object> status(TranslationResult result, String kind, String namespace, String name) {
        return result.statuses().stream()
                .filter(s -> s.key().kind().equals(kind) && s.key().namespace().equals(namespace)
                        && s.key().name().equals(name))
                .map(ResourceStatus::status).findFirst().orElseThrow(() -> new AssertionError(kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> status, String type) {
        return ((List<Map<String, Object>>) status.get("conditions")).stream()
                .filter(c -> c.get("type").equals(type)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listener(Map<String, Object> status, String name) {
        return ((List<Map<String, Object>>) status.get("listeners")).stream()
                .filter(l -> l.get("name").equals(name)).findFirst().orElseThrow();
    }

    private static String acceptedReason(TranslationResult result, String namespace, String name) {
        return (String) condition(status(result, "ListenerSet", namespace, name), "Accepted").get("reason");
    }

    @Test
    void allowedListenersDecidesWhichNamespacesMayAttach() {
        String sets = listenerSet("ns", "same", "2026-01-02T00:00:00Z", "a.example.com")
                + listenerSet("other", "labelled", "2026-01-02T00:00:00Z", "b.example.com");

        TranslationResult none = translate(CLASS + gateway("") + sets);
        assertThat(acceptedReason(none, "ns", "same")).isEqualTo("NotAllowed");
        assertThat(acceptedReason(none, "other", "labelled")).isEqualTo("NotAllowed");
        assertThat(status(none, "Gateway", "ns", "gw")).doesNotContainKey("attachedListenerSets");

        TranslationResult same = translate(CLASS + gateway("  allowedListeners: {namespaces: {from: Same}}") + sets);
        assertThat(acceptedReason(same, "ns", "same")).isEqualTo("Accepted");
        assertThat(acceptedReason(same, "other", "labelled")).isEqualTo("NotAllowed");
        assertThat(status(same, "Gateway", "ns", "gw")).containsEntry("attachedListenerSets", 1);

        TranslationResult selector = translate(CLASS + gateway(
                "  allowedListeners: {namespaces: {from: Selector, selector: {matchLabels: {team: a}}}}") + sets);
        assertThat(acceptedReason(selector, "ns", "same")).isEqualTo("NotAllowed");
        assertThat(acceptedReason(selector, "other", "labelled")).isEqualTo("Accepted");

        TranslationResult all = translate(CLASS + gateway("  allowedListeners: {namespaces: {from: All}}") + sets);
        assertThat(status(all, "Gateway", "ns", "gw")).containsEntry("attachedListenerSets", 2);
    }

    @Test
    void theGatewaysOwnListenersThenOlderListenerSetsWinAHostname() {
        // input order must not matter: the newer ListenerSet comes first in the documents
        String yaml = CLASS + gateway("  allowedListeners: {namespaces: {from: All}}")
                + listenerSet("ns", "newer", "2026-01-03T00:00:00Z", "shared.example.com")
                + listenerSet("other", "older", "2026-01-02T00:00:00Z", "shared.example.com")
                + listenerSet("ns", "oldest", "2025-01-01T00:00:00Z", "gw.example.com");

        TranslationResult result = translate(yaml);

        Map<String, Object> lost = listener(status(result, "ListenerSet", "ns", "newer"), "l");
        assertThat(condition(lost, "Conflicted")).containsEntry("status", "True").containsEntry("reason", "HostnameConflict");
        assertThat(condition(lost, "Programmed")).containsEntry("status", "False").containsEntry("reason", "HostnameConflict");
        assertThat((String) condition(lost, "Conflicted").get("message")).contains("ListenerSet other/older");
        assertThat(acceptedReason(result, "ns", "newer")).isEqualTo("ListenersNotValid");
        assertThat(acceptedReason(result, "other", "older")).isEqualTo("Accepted");
        // older than the Gateway, still second to its own listener
        assertThat(acceptedReason(result, "ns", "oldest")).isEqualTo("ListenersNotValid");
        assertThat(condition(listener(status(result, "Gateway", "ns", "gw"), "http"), "Conflicted"))
                .containsEntry("status", "False");

        List<String> served = result.ir().sockets().get(0).listeners().stream().map(IrListener::name).toList();
        assertThat(served).containsExactlyInAnyOrder("gateway/ns/gw/listener/http", "listenerset/other/older/listener/l");
    }

    @Test
    void aListenerOfAnotherProtocolOnTheGatewaysPortIsAProtocolConflict() {
        String yaml = CLASS + gateway("  allowedListeners: {namespaces: {from: Same}}") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata: {name: tcp, namespace: ns}
                spec:
                  parentRef: {name: gw}
                  listeners:
                  - {name: raw, port: 80, protocol: TCP}
                  - {name: web, port: 80, protocol: HTTP, hostname: web.example.com}
                """;

        TranslationResult result = translate(yaml);

        Map<String, Object> set = status(result, "ListenerSet", "ns", "tcp");
        assertThat(condition(listener(set, "raw"), "Accepted")).containsEntry("reason", "ProtocolConflict");
        assertThat(condition(listener(set, "web"), "Programmed")).containsEntry("status", "True");
        assertThat(condition(set, "Accepted")).containsEntry("status", "True");
    }

    @Test
    void routesReachListenerSetListenersOnlyThroughListenerSetParentRefs() {
        String yaml = CLASS + gateway("  allowedListeners: {namespaces: {from: Same}}")
                + listenerSet("ns", "set", "2026-01-02T00:00:00Z", "set.example.com") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs:
                  - {kind: ListenerSet, name: set, sectionName: l}
                  - {kind: ListenerSet, name: set, sectionName: missing}
                  - {name: gw, sectionName: l}
                  - {name: gw, sectionName: http}
                  rules:
                  - backendRefs: [{name: svc, port: 8080}]
                """;

        TranslationResult result = translate(yaml);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parents = (List<Map<String, Object>>) status(result, "HTTPRoute", "ns", "r").get("parents");
        List<String> reasons = parents.stream().map(p -> (String) condition(p, "Accepted").get("reason")).toList();
        assertThat(reasons).containsExactly("Accepted", "NoMatchingParent", "NoMatchingParent", "Accepted");
        assertThat(listener(status(result, "ListenerSet", "ns", "set"), "l")).containsEntry("attachedRoutes", 1);
        assertThat(listener(status(result, "Gateway", "ns", "gw"), "http")).containsEntry("attachedRoutes", 1);
        List<IrListener> listeners = new ArrayList<>(result.ir().sockets().get(0).listeners());
        assertThat(listeners).allSatisfy(l -> assertThat(l.virtualHosts()).hasSize(1));
    }

    @Test
    void aChangedRouteUpdatesTheListenerSetsAttachedRoutes() {
        String base = CLASS + gateway("  allowedListeners: {namespaces: {from: Same}}")
                + listenerSet("ns", "set", "2026-01-02T00:00:00Z", "set.example.com");
        String route = """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs: [{kind: ListenerSet, name: %s}]
                  rules:
                  - backendRefs: [{name: svc, port: 8080}]
                """;
        Translator translator = new Translator(GoldenFiles.SETTINGS, PLUGINS);
        translator.translate(Snapshot.of(GoldenFiles.documents("t.yaml", base + route.formatted("set"))), GoldenFiles.NOW);

        TranslationResult changed = translator.translate(
                Snapshot.of(GoldenFiles.documents("t.yaml", base + route.formatted("elsewhere"))), GoldenFiles.NOW);

        assertThat(listener(status(changed, "ListenerSet", "ns", "set"), "l")).containsEntry("attachedRoutes", 0);
        assertThat(changed).isEqualTo(translate(base + route.formatted("elsewhere")));
    }

    @Test
    void anInvalidListenerSetIsReportedWithItsFieldAndLeftOut() {
        String yaml = CLASS + gateway("  allowedListeners: {namespaces: {from: Same}}") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata: {name: twice, namespace: ns}
                spec:
                  parentRef: {name: gw}
                  listeners:
                  - {name: l, port: 80, protocol: HTTP, hostname: a.example.com}
                  - {name: l, port: 80, protocol: HTTP, hostname: b.example.com}
                """ + listenerSet("ns", "valid", "2026-01-02T00:00:00Z", "valid.example.com");

        TranslationResult result = translate(yaml);

        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.resource().orElseThrow().name()).isEqualTo("twice");
            assertThat(p.fieldPath()).startsWith("spec.listeners");
        });
        assertThat(result.statuses()).noneMatch(s -> s.key().name().equals("twice"));
        assertThat(acceptedReason(result, "ns", "valid")).isEqualTo("Accepted");
    }

    @Test
    void aSelectorIsRequiredWhenAllowedListenersComeFromSelector() {
        TranslationResult result = translate(CLASS + gateway("  allowedListeners: {namespaces: {from: Selector}}"));

        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.fieldPath()).isEqualTo("spec.allowedListeners.namespaces.selector");
            assertThat(p.message()).contains("required when from is Selector");
        });
    }
}
