package io.lintel.plugin.route.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.plugin.route.support.testing.RouteGoldenFiles;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.kind.BackendRef;
import io.lintel.spi.kind.ListenerProtocol;
import io.lintel.spi.kind.ParentRef;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRoute;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.kind.StreamRouteRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class UdpRoutePluginTest {

    @Test
    void theServiceLoaderFindsThePluginAndItRegistersUdpRoutesOnUdpListeners() {
        LintelPlugin plugin = ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof UdpRoutePlugin).findFirst().orElseThrow();

        assertThat(plugin.name()).isEqualTo("route-udp");
        List<StreamRouteKind> kinds = plugin.streamRouteKinds(null);
        assertThat(kinds).hasSize(1);
        StreamRouteKind kind = kinds.get(0);
        assertThat(kind.kind()).isEqualTo(ResourceKind.of("gateway.networking.k8s.io", "UDPRoute", "v1", "v1alpha2"));
        assertThat(kind.protocol()).isEqualTo(ListenerProtocol.UDP);
        assertThat(kind.features()).containsExactly(GatewayFeature.UDPRoute);
    }

    @Test
    void coreLoadsTheKindAndItsFeature() {
        var registry = RouteGoldenFiles.registry();

        assertThat(registry.resourceKinds()).extracting(ResourceKind::kind).contains("UDPRoute");
        assertThat(registry.features()).contains(GatewayFeature.UDPRoute);
    }

    @Test
    void aValidRouteIsDescribedWithTheCrdDefaultsAndNoHostnames() {
        String apiVersion = "gateway.networking.k8s.io/v1alpha2";
        KubernetesDocument document = new KubernetesDocument(
                new ResourceKey("gateway.networking.k8s.io", "UDPRoute", "apps", "r"), apiVersion,
                Map.of("apiVersion", apiVersion, "kind", "UDPRoute", "metadata", Map.of("name", "r", "namespace", "apps"),
                        "spec", Map.of(
                                "parentRefs", List.of(Map.of("name", "gw", "port", 9000)),
                                "rules", List.of(Map.of("backendRefs", List.of(
                                        Map.of("name", "a", "port", 53),
                                        Map.of("name", "b", "port", 53, "weight", 0)))))),
                new SourceLocation("test", 1));

        assertThat(UdpRouteKind.KIND.validate(document)).isEmpty();
        StreamRoute route = UdpRouteKind.KIND.describe(document);

        assertThat(route.parentRefs()).containsExactly(new ParentRef("gateway.networking.k8s.io", "Gateway",
                Optional.empty(), "gw", Optional.empty(), Optional.of(9000)));
        assertThat(route.hostnames()).isEmpty();
        assertThat(route.rules()).containsExactly(new StreamRouteRule(Optional.empty(), List.of(
                BackendRef.service("a", 53),
                new BackendRef("", "Service", Optional.empty(), "b", Optional.of(53), 0))));
    }
}
