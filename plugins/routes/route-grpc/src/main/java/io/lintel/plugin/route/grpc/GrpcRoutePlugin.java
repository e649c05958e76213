package io.lintel.plugin.route.grpc;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.kind.HttpRouteKind;
import java.util.List;

/**
 * GRPCRoute: HTTP and HTTPS listeners route gRPC calls (HTTP/2 POSTs to {@code /<service>/<method>}) by service,
 * method and headers to GRPCRoutes, beside HTTPRoutes. Core matches, filters and proxies; this plugin reads the kind.
 * Backends without an {@code appProtocol} need the protocol-h2c plugin.
 */
public final class GrpcRoutePlugin implements LintelPlugin {

    @Override
    public String name() {
        return "route-grpc";
    }

    @Override
    public List<HttpRouteKind> httpRouteKinds(PluginContext context) {
        return List.of(GrpcRouteKind.KIND);
    }
}
