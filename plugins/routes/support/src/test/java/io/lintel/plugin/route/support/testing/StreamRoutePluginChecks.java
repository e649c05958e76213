package io.lintel.plugin.route.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
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

/**
 * What every route kind plugin's test checks the same way: the service loader finds the plugin and it registers its
 * one kind, core loads the kind with its feature, and a valid route without hostnames is described with the CRD's
 * defaults (a backendRef's weight 1, parentRef group and kind Gateway).
 */
public final class StreamRoutePluginChecks {

    private StreamRoutePluginChecks() {}

    /** The plugin of {@code type} as the service loader finds it registers exactly {@code kind} on {@code protocol}. */
    public static void registersOneKind(Class<? extends LintelPlugin> type, String pluginName, ResourceKind kind,
            ListenerProtocol protocol, GatewayFeature feature) {
        LintelPlugin plugin = ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(type::isInstance).findFirst().orElseThrow();

        assertThat(plugin.name()).isEqualTo(pluginName);
        List<StreamRouteKind> kinds = plugin.streamRouteKinds(null);
        assertThat(kinds).hasSize(1);
        assertThat(kinds.get(0).kind()).isEqualTo(kind);
        assertThat(kinds.get(0).protocol()).isEqualTo(protocol);
        assertThat(kinds.get(0).features()).containsExactly(feature);

        PluginRegistry registry = RouteGoldenFiles.registry();
        assertThat(registry.resourceKinds()).extracting(ResourceKind::kind).contains(kind.kind());
        assertThat(registry.features()).contains(feature);
    }

    /**
     * A valid {@code v1alpha2} route of {@code kindName} with one rule of two backendRefs (one of weight 0) is
     * described with the CRD's defaults and no hostnames.
     */
    public static void describesABackendOnlyRouteWithTheCrdDefaults(StreamRouteKind kind, String kindName) {
        String apiVersion = "gateway.networking.k8s.io/v1alpha2";
        KubernetesDocument document = new KubernetesDocument(
                new ResourceKey("gateway.networking.k8s.io", kindName, "apps", "r"), apiVersion,
                Map.of("apiVersion", apiVersion, "kind", kindName, "metadata", Map.of("name", "r", "namespace", "apps"),
                        "spec", Map.of(
                                "parentRefs", List.of(Map.of("name", "gw", "port", 9000)),
                                "rules", List.of(Map.of("backendRefs", List.of(
                                        Map.of("name", "a", "port", 53),
                                        Map.of("name", "b", "port", 53, "weight", 0)))))),
                new SourceLocation("test", 1));

        assertThat(kind.validate(document)).isEmpty();
        StreamRoute route = kind.describe(document);

        assertThat(route.parentRefs()).containsExactly(new ParentRef("gateway.networking.k8s.io", "Gateway",
                Optional.empty(), "gw", Optional.empty(), Optional.of(9000)));
        assertThat(route.hostnames()).isEmpty();
        assertThat(route.rules()).containsExactly(new StreamRouteRule(Optional.empty(), List.of(
                BackendRef.service("a", 53),
                new BackendRef("", "Service", Optional.empty(), "b", Optional.of(53), 0))));
    }
}
