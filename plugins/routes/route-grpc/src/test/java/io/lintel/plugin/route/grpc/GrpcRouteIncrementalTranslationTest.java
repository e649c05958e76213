package io.lintel.plugin.route.grpc;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.plugin.PluginReports;
import io.lintel.core.plugin.PolicyPlugins;
import io.lintel.core.translate.IncrementalTranslationTest;
import io.lintel.spi.backend.BackendProtocolFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Core's property that a translator keeping memos between calls gives what a fresh one gives, with this plugin's
 * GRPCRoute kind (and an h2c stand-in) registered: its random change sequences change GRPCRoutes too, which are then
 * translated by the routes-only path (RouteChanges) as HTTPRoutes are.
 */
class GrpcRouteIncrementalTranslationTest {

    private static final BackendProtocolFactory H2C = () -> "kubernetes.io/h2c";

    @Test
    void memoisedTranslationEqualsAFreshOneWithGrpcRoutes() {
        IncrementalTranslationTest.assertMemoisedEqualsFresh(new PluginRegistry(List.of("protocol-h2c", "route-grpc"),
                Map.of(), Map.of(H2C.appProtocol(), H2C), List.of(), Map.of(), PluginRegistry.CORE_FEATURES,
                PolicyPlugins.NONE, new PluginReports(), List.of(), List.of(), List.of(),
                List.of(GrpcRouteKind.KIND), List.of()));
    }
}
