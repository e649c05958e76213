package io.lintel.plugin.route.tls;

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

class TlsRoutePluginTest {

    @Test
    void theServiceLoaderFindsThePluginAndItRegistersTlsRoutesOnTlsListeners() {
        LintelPlugin plugin = ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof TlsRoutePlugin).findFirst().orElseThrow();

        assertThat(plugin.name()).isEqualTo("route-tls");
        List<StreamRouteKind> kinds = plugin.streamRouteKinds(null);
        assertThat(kinds).hasSize(1);
        StreamRouteKind kind = kinds.get(0);
        assertThat(kind.kind()).isEqualTo(ResourceKind.of("gateway.networking.k8s.io", "TLSRoute", "v1", "v1alpha3",
                "v1alpha2"));
        assertThat(kind.protocol()).isEqualTo(ListenerProtocol.TLS);
        assertThat(kind.features()).containsExactlyInAnyOrder(GatewayFeature.TLSRoute,
                GatewayFeature.TLSRouteModeTerminate, GatewayFeature.TLSRouteModeMixed);
    }

    @Test
    void coreLoadsTheKindAndItsFeatures() {
        var registry = RouteGoldenFiles.registry();

        assertThat(registry.resourceKinds()).extracting(ResourceKind::kind).contains("TLSRoute");
        assertThat(registry.features()).contains(GatewayFeature.TLSRoute, GatewayFeature.TLSRouteModeTerminate,
                GatewayFeature.TLSRouteModeMixed);
    }

    @Test
    void aValidRouteIsDescribedWithTheCrdDefaults() {
        KubernetesDocument document = document("gateway.networking.k8s.io/v1alpha2", Map.of(
                "parentRefs", List.of(Map.of("name", "gw", "sectionName", "tls"),
                        Map.of("group", "gateway.networking.k8s.io", "kind", "ListenerSet", "namespace", "infra",
                                "name", "extra", "port", 8443)),
                "hostnames", List.of("a.example.com", "*.example.org"),
                "rules", List.of(
                        Map.of("name", "first", "backendRefs", List.of(Map.of("name", "a", "port", 443))),
                        Map.of("backendRefs", List.of(
                                Map.of("name", "b", "namespace", "other", "port", 8443, "weight", 3),
                                Map.of("group", "example.com", "kind", "Db", "name", "c"))))));

        assertThat(TlsRouteKind.KIND.validate(document)).isEmpty();
        StreamRoute route = TlsRouteKind.KIND.describe(document);

        assertThat(route.parentRefs()).containsExactly(
                new ParentRef("gateway.networking.k8s.io", "Gateway", Optional.empty(), "gw", Optional.of("tls"),
                        Optional.empty()),
                new ParentRef("gateway.networking.k8s.io", "ListenerSet", Optional.of("infra"), "extra",
                        Optional.empty(), Optional.of(8443)));
        assertThat(route.hostnames()).containsExactly("a.example.com", "*.example.org");
        assertThat(route.rules()).containsExactly(
                new StreamRouteRule(Optional.of("first"), List.of(BackendRef.service("a", 443))),
                new StreamRouteRule(Optional.empty(), List.of(
                        new BackendRef("", "Service", Optional.of("other"), "b", Optional.of(8443), 3),
                        new BackendRef("example.com", "Db", Optional.empty(), "c", Optional.empty(), 1))));
    }

    @Test
    void v1IsStricterThanTheAlphaVersions() {
        Map<String, Object> spec = Map.of("parentRefs", List.of(Map.of("name", "gw")),
                "rules", List.of(Map.of("backendRefs", List.of(Map.of("name", "a", "port", 443)))));

        assertThat(TlsRouteKind.KIND.validate(document("gateway.networking.k8s.io/v1alpha3", spec))).isEmpty();
        assertThat(TlsRouteKind.KIND.validate(document("gateway.networking.k8s.io/v1", spec)))
                .extracting(v -> v.fieldPath() + ": " + v.message())
                .containsExactly("spec.hostnames: is required");
    }

    private static KubernetesDocument document(String apiVersion, Map<String, Object> spec) {
        return new KubernetesDocument(new ResourceKey("gateway.networking.k8s.io", "TLSRoute", "apps", "r"), apiVersion,
                Map.of("apiVersion", apiVersion, "kind", "TLSRoute", "metadata", Map.of("name", "r", "namespace", "apps"),
                        "spec", spec),
                new SourceLocation("test", 1));
    }
}
