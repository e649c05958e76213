package io.lintel.plugin.route.grpc;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.translate.FakeFilters;
import io.lintel.core.translate.FakePolicies;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendProtocolFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Translator golden cases of GRPCRoutes ({@code *.in.yaml} → {@code *.out.yaml}, see core's {@link GoldenFiles}) with
 * this plugin's kind registered beside core's test registries; {@code -Dgolden.update=true} rewrites the out files
 * for review. They were core's cases {@code golden/grpc}, {@code golden/core/grpcroute-without-h2c} and
 * {@code golden/policies/route-policies} when core read GRPCRoute, and each registry keeps the features of the one it
 * replaces (GatewayClass {@code supportedFeatures} is an input of the translation, not what these cases test).
 */
class GrpcRouteGoldenTest {

    /** A stand-in for the protocol-h2c plugin: translation only, it never initialises a connection. */
    private static final BackendProtocolFactory H2C = () -> "kubernetes.io/h2c";

    /** With core's fake filters and an h2c protocol: what GRPCRoutes are served with. */
    @TestFactory
    Stream<DynamicTest> withH2cAndFakeFilters() {
        Set<GatewayFeature> features = new TreeSet<>(PluginRegistry.CORE_FEATURES);
        features.addAll(GrpcRouteKind.KIND.features());
        return GoldenFiles.cases(Path.of("src/test/resources/golden"),
                withGrpcRoute(FakeFilters.REGISTRY, Map.of(H2C.appProtocol(), H2C), features));
    }

    /** Without a backend protocol plugin: backends without an appProtocol cannot be spoken to in HTTP/2. */
    @TestFactory
    Stream<DynamicTest> withoutH2c() {
        return GoldenFiles.cases(Path.of("src/test/resources/golden-without-h2c"),
                withGrpcRoute(PluginRegistry.EMPTY, Map.of(), PluginRegistry.EMPTY.features()));
    }

    /** With core's fake policies, which target GRPCRoutes (and their rules by name) as HTTPRoutes. */
    @TestFactory
    Stream<DynamicTest> withFakePolicies() {
        return GoldenFiles.cases(Path.of("src/test/resources/golden-policies"),
                withGrpcRoute(FakePolicies.REGISTRY, Map.of(), FakePolicies.REGISTRY.features()));
    }

    private static PluginRegistry withGrpcRoute(PluginRegistry base, Map<String, BackendProtocolFactory> protocols,
            Set<GatewayFeature> features) {
        return new PluginRegistry(base.plugins(), base.filterFactories(), protocols, base.tlsMaterialLoaders(),
                base.configSources(), features, base.policies(), base.reports(), base.streamRouteKinds(),
                base.backendTlsPolicyKinds(), base.listenerSetKinds(), List.of(GrpcRouteKind.KIND),
                base.gatewayTlsExtensions());
    }
}
