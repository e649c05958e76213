package io.lintel.core.inject;

import static io.lintel.core.inject.BindStatuses.gateway;
import static io.lintel.core.inject.BindStatuses.programmed;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.BindFailure;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindFailureStatusTest {

    private static final String YAML = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra, generation: 3}
            spec:
              gatewayClassName: lintel
              listeners:
              - {name: web, port: 8080, protocol: HTTP}
              - {name: admin, port: 8081, protocol: HTTP}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: other, namespace: infra}
            spec:
              gatewayClassName: lintel
              listeners:
              - {name: web, port: 9090, protocol: HTTP}
            """;
    private static final Instant LATER = GoldenFiles.NOW.plusSeconds(90);
    private static final BindFailure IN_USE =
            new BindFailure(new SocketKey("0.0.0.0", 8080), "bind(..) failed: Address already in use");

    private final TranslationResult result = new Translator(GoldenFiles.SETTINGS, PluginRegistry.EMPTY)
            .translate(Snapshot.of(GoldenFiles.documents("test.yaml", YAML)), GoldenFiles.NOW);
    private final BindFailureStatus bindFailureStatus = new BindFailureStatus();

    @Test
    void aListenerOnAnUnboundSocketAndItsGatewayAreNotProgrammed() {
        List<ResourceStatus> amended = bindFailureStatus.amend(result.statuses(), result.ir(), List.of(IN_USE), LATER);

        ResourceStatus gw = gateway(amended, "gw");
        assertThat(programmed(gw, "web")).containsAllEntriesOf(Map.of("status", "False", "reason", "Pending",
                "observedGeneration", 3L, "lastTransitionTime", "2024-01-01T00:01:30Z",
                "message", "Listener is not served yet: cannot bind 0.0.0.0:8080 (bind(..) failed: Address already in "
                        + "use); retrying"));
        assertThat(programmed(gw)).containsAllEntriesOf(Map.of("status", "False", "reason", "Pending",
                "observedGeneration", 3L, "message", "Gateway is not fully programmed: listener web cannot bind "
                        + "0.0.0.0:8080 (bind(..) failed: Address already in use); retrying"));
        // the other listener is served, and the translator's status says so
        assertThat(programmed(gw, "admin")).containsEntry("status", "True").containsEntry("reason", "Programmed");
        // Accepted stays: the listener is valid and served as soon as the port is free
        assertThat(gw.status().get("listeners").toString()).contains("type=Accepted, status=True");

        // statuses of other resources are untouched, as the very instances translated
        ResourceStatus other = gateway(result.statuses(), "other");
        assertThat(gateway(amended, "other")).isSameAs(other);
        assertThat(amended).hasSameSizeAs(result.statuses());
        for (int i = 0; i < amended.size(); i++) {
            if (!amended.get(i).key().equals(gw.key())) {
                assertThat(amended.get(i)).isSameAs(result.statuses().get(i));
            }
        }
    }

    @Test
    void onceBoundTheConditionsAreTheTranslatorsAgainAsOfNow() {
        bindFailureStatus.amend(result.statuses(), result.ir(), List.of(IN_USE), GoldenFiles.NOW);

        List<ResourceStatus> bound = bindFailureStatus.amend(result.statuses(), result.ir(), List.of(), LATER);

        ResourceStatus gw = gateway(bound, "gw");
        Map<String, Object> translated = programmed(gateway(result.statuses(), "gw"), "web");
        assertThat(programmed(gw, "web")).containsAllEntriesOf(Map.of("status", "True", "reason", "Programmed",
                "message", translated.get("message"), "lastTransitionTime", "2024-01-01T00:01:30Z"));
        assertThat(programmed(gw)).containsEntry("status", "True").containsEntry("lastTransitionTime",
                "2024-01-01T00:01:30Z");

        // nothing amended before or now: the translated list itself
        assertThat(bindFailureStatus.amend(result.statuses(), result.ir(), List.of(), LATER))
                .isSameAs(result.statuses());
    }

    @Test
    void failuresOfSocketsNoListenerUsesChangeNothing() {
        BindFailure elsewhere = new BindFailure(new SocketKey("0.0.0.0", 7070), "Address already in use");

        assertThat(bindFailureStatus.amend(result.statuses(), result.ir(), List.of(elsewhere), LATER))
                .isSameAs(result.statuses());
    }
}
