package io.lintel.spi;

import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.util.List;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of a plugin jar: list the implementation in
 * {@code META-INF/services/io.lintel.spi.LintelPlugin}.
 *
 * <p>Every method returns what the plugin provides and defaults to nothing, so a plugin overrides only what it
 * offers and new extension points can be added without breaking existing plugins. Core calls these methods once,
 * at start-up, from one thread; they must not block or start threads. Two plugins providing the same key (filter
 * key, {@code appProtocol}, config source type, TLS loader name, resource kind) stop start-up with both plugins
 * named.
 */
public interface LintelPlugin {

    /** A short name for logs and errors, e.g. {@code "request-header-modifier"}. */
    String name();

    /** Features the plugin implements beyond those its factories declare (e.g. a matching feature). */
    default Set<GatewayFeature> features() {
        return Set.of();
    }

    default List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of();
    }

    default List<BackendProtocolFactory> backendProtocols(PluginContext context) {
        return List.of();
    }

    default List<TlsMaterialLoader> tlsMaterialLoaders(PluginContext context) {
        return List.of();
    }

    default List<ConfigSourceFactory> configSources(PluginContext context) {
        return List.of();
    }

    /**
     * Route kinds whose routes relay connections or datagrams (TLSRoute, TCPRoute, UDPRoute): the plugin validates
     * and describes their objects, core attaches and serves them. See {@link StreamRouteKind}.
     */
    default List<StreamRouteKind> streamRouteKinds(PluginContext context) {
        return List.of();
    }
}
