package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayInfrastructureInfoTest {

    private static final ResourceKey EDGE = gateway("infra", "edge");
    private static final ResourceKey INTERNAL = gateway("infra", "internal");

    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void eachGatewayIsASeriesWithItsInfrastructureLabels() throws IOException {
        metrics.gatewaysServed(List.of(EDGE, INTERNAL), Map.of(
                EDGE, document(EDGE, Map.of("infrastructure", Map.of(
                        "labels", Map.of("app.kubernetes.io/team", "payments", "tier", "edge"),
                        "annotations", Map.of("note", "not a label")))),
                INTERNAL, document(INTERNAL, Map.of())));

        assertThat(text())
                .contains("lintel_gateway_info{gateway=\"edge\",label_app_kubernetes_io_team=\"payments\","
                        + "label_tier=\"edge\",namespace=\"infra\"} 1")
                .contains("lintel_gateway_info{gateway=\"internal\",namespace=\"infra\"} 1")
                .doesNotContain("not a label");
    }

    @Test
    void theSeriesFollowTheServedConfiguration() throws IOException {
        metrics.gatewaysServed(List.of(EDGE, INTERNAL), Map.of());
        metrics.gatewaysServed(List.of(INTERNAL), Map.of());

        assertThat(text()).contains("gateway=\"internal\"").doesNotContain("gateway=\"edge\"");
    }

    @Test
    void keysBecomeLabelNamesAndTheFirstOfTwoThatCollideWins() {
        assertThat(GatewayInfrastructureInfo.labelName("app.kubernetes.io/part-of"))
                .isEqualTo("label_app_kubernetes_io_part_of");
        assertThat(GatewayInfrastructureInfo.labelName("Team_2")).isEqualTo("label_Team_2");

        var labels = GatewayInfrastructureInfo.labels(EDGE, Map.of("a.b", "dotted", "a_b", "underscored"));

        assertThat(labels.get("label_a_b")).isEqualTo("dotted");
        assertThat(labels.get("gateway")).isEqualTo("edge");
    }

    @Test
    void infrastructureLabelsCannotReplaceTheGatewaysOwnLabels() {
        var labels = GatewayInfrastructureInfo.labels(EDGE, Map.of("namespace", "x", "gateway", "y"));

        assertThat(labels.get("namespace")).isEqualTo("infra");
        assertThat(labels.get("label_namespace")).isEqualTo("x");
    }

    private String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ResourceKey gateway(String namespace, String name) {
        return new ResourceKey("gateway.networking.k8s.io", "Gateway", namespace, name);
    }

    private static KubernetesDocument document(ResourceKey key, Map<String, Object> spec) {
        return new KubernetesDocument(key, "gateway.networking.k8s.io/v1",
                Map.of("kind", "Gateway", "metadata", Map.of("name", key.name(), "namespace", key.namespace()),
                        "spec", spec), new SourceLocation("test", 1));
    }
}
