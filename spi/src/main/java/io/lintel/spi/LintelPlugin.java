package io.lintel.spi;

import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.HttpRouteKind;
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
 * key, {@code appProtocol}, config source type, TLS loader name, resource kind, policy kind) stop start-up with both plugins
 * named.
 */
public interface LintelPlugin {

    /** A short name for logs and errors, e.g. {@code "request-header-modifier"}. */
    String name();

    /** Features the plugin implements beyond those its factories declare (e.g. a matching feature). */
    default Set<GatewayFeature> features() {
        return Set.of();
    }

    /**
     * The settings the plugin reads ({@link PluginSetting}). Core collects them before it reads the settings file, so
     * they are checked with core's; their values reach the plugin through {@link PluginContext#settings()}. Called
     * before any factory method; it must not read settings itself.
     */
    default List<PluginSetting> settings() {
        return List.of();
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
     * The policy kinds the plugin serves (GEP-713 policy attachment, see {@link io.lintel.spi.policy}). A kind that
     * targets routes needs a filter factory keyed {@code FilterKey.extensionRef(group, kind)}, one that targets Services
     * a {@link ServicePolicyFactory}. Two plugins declaring the same group and kind stop start-up.
     */
    default List<PolicyKind> policyKinds() {
        return List.of();
    }

    /** The factories of the plugin's policy kinds that target Services. */
    default List<ServicePolicyFactory> servicePolicies(PluginContext context) {
        return List.of();
    }

    /**
     * Route kinds whose routes relay connections or datagrams (TLSRoute, TCPRoute, UDPRoute): the plugin validates
     * and describes their objects, core attaches and serves them. See {@link StreamRouteKind}.
     */
    default List<StreamRouteKind> streamRouteKinds(PluginContext context) {
        return List.of();
    }

    /**
     * Route kinds of the HTTP family (GRPCRoute), matched request by request on HTTP and HTTPS listeners beside
     * HTTPRoutes: the plugin validates and describes their objects, core attaches and serves them. See
     * {@link HttpRouteKind}.
     */
    default List<HttpRouteKind> httpRouteKinds(PluginContext context) {
        return List.of();
    }

    /**
     * Policy kinds that say how to speak TLS to the backends of the Services they target (BackendTLSPolicy): the
     * plugin validates and describes their objects, core resolves their CA references, settles conflicts, writes their
     * status and builds the TLS contexts. See {@link BackendTlsPolicyKind}.
     */
    default List<BackendTlsPolicyKind> backendTlsPolicyKinds(PluginContext context) {
        return List.of();
    }

    /**
     * Kinds whose objects add listeners to a Gateway that allows them (ListenerSet): the plugin validates and
     * describes their objects, core merges their listeners into the Gateway, settles conflicts, attaches routes and
     * writes their status. See {@link ListenerSetKind}.
     */
    default List<ListenerSetKind> listenerSetKinds(PluginContext context) {
        return List.of();
    }

    /**
     * The Gateway-level TLS features the plugin implements (client certificate validation of HTTPS listeners, the
     * Gateway's backend client certificate, misdirected-request detection); at most one plugin provides them. See
     * {@link GatewayTlsExtension}.
     */
    default List<GatewayTlsExtension> gatewayTlsExtensions(PluginContext context) {
        return List.of();
    }
}
