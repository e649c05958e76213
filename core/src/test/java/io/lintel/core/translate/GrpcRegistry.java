package io.lintel.core.translate;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendProtocolFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The fake filters plus a stand-in for the h2c protocol plugin: what GRPCRoute translation needs. */
final class GrpcRegistry {

    /** Translation only: never initialises a connection. */
    private static final BackendProtocolFactory H2C = () -> "kubernetes.io/h2c";

    static final PluginRegistry REGISTRY = new PluginRegistry(List.of("fake", "protocol-h2c"),
            FakeFilters.REGISTRY.filterFactories(), Map.of(H2C.appProtocol(), H2C), List.of(), Map.of(),
            features());

    private static Set<GatewayFeature> features() {
        Set<GatewayFeature> features = new TreeSet<>(PluginRegistry.CORE_FEATURES);
        features.add(GatewayFeature.GRPCRoute);
        features.add(GatewayFeature.GRPCRouteNamedRouteRule);
        return features;
    }

    private GrpcRegistry() {}
}
