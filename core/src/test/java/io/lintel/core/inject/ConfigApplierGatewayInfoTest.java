package io.lintel.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.ir.Ir;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.server.BindRetrySchedule;
import io.lintel.core.server.DataPlane;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GatewayInfrastructurePropagation on a VM: a served Gateway's infrastructure labels reach its metrics. */
class ConfigApplierGatewayInfoTest {

    private final GatewayMetrics metrics = new GatewayMetrics();
    private final ConfigApplier applier = new ConfigApplier(
            new Translator(new TranslatorSettings(TranslatorSettings.DEFAULT_CONTROLLER_NAME, "127.0.0.1"),
                    PluginRegistry.EMPTY),
            new ServingNothing(), new RuntimeState(() -> true, List::of, List::of), metrics, List.of(), Clock.systemUTC(),
            (task, delay) -> {
                throw new AssertionError("no bind retry expected");
            },
            new BindRetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200)));

    @Test
    void theGatewaysOfLintelsClassesAreSeriesWithTheirInfrastructureLabels() throws IOException {
        applier.apply(Snapshot.of(GoldenFiles.documents("test.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: infra}
                spec:
                  gatewayClassName: lintel
                  infrastructure:
                    labels: {app.kubernetes.io/team: payments}
                    annotations: {owner: payments-oncall}
                  listeners: [{name: web, port: 8080, protocol: HTTP}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: theirs, namespace: infra}
                spec:
                  gatewayClassName: someone-else
                  infrastructure: {labels: {team: other}}
                  listeners: [{name: web, port: 8081, protocol: HTTP}]
                """)));

        assertThat(text())
                .contains("lintel_gateway_info{gateway=\"edge\",label_app_kubernetes_io_team=\"payments\","
                        + "namespace=\"infra\"} 1")
                .doesNotContain("theirs");
    }

    private String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Accepts every configuration and binds nothing: this test is about what the applier publishes. */
    private static final class ServingNothing implements DataPlane {

        @Override
        public List<String> apply(Ir ir) {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
