package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.config.ConfigSourceFactory;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Everything the loaded plugins provide, by key. Built once at start-up by the plugin loader; immutable.
 *
 * @param plugins the loaded plugins' names, in load order
 * @param features core's features plus every plugin's and factory's
 * @param policies the policy kinds plugins declare, and the factories of those that target Services
 * @param reports the metrics and {@code /ready} lines the plugins registered
 * @param streamRouteKinds the route kinds plugins serve through core's relays (TLSRoute, TCPRoute, UDPRoute), one
 *     per group and kind, in load order
 * @param backendTlsPolicyKinds the backend TLS policy kinds plugins read (BackendTLSPolicy), one per group and kind,
 *     in load order
 * @param listenerSetKinds the kinds plugins read whose objects add listeners to Gateways (ListenerSet), one per group
 *     and kind, in load order
 * @param httpRouteKinds the route kinds of the HTTP family plugins read (GRPCRoute), served beside HTTPRoutes, one
 *     per group and kind, in load order
 * @param gatewayTlsExtensions the Gateway-level TLS features (spec.tls.frontend, spec.tls.backend, misdirected
 *     requests) of the gateway-tls plugin; at most one, empty without it
 */
public record PluginRegistry(
        List<String> plugins,
        Map<FilterKey, HttpFilterFactory> filterFactories,
        Map<String, BackendProtocolFactory> backendProtocols,
        List<TlsMaterialLoader> tlsMaterialLoaders,
        Map<String, ConfigSourceFactory> configSources,
        Set<GatewayFeature> features,
        PolicyPlugins policies,
        PluginReports reports,
        List<StreamRouteKind> streamRouteKinds,
        List<BackendTlsPolicyKind> backendTlsPolicyKinds,
        List<ListenerSetKind> listenerSetKinds,
        List<HttpRouteKind> httpRouteKinds,
        List<GatewayTlsExtension> gatewayTlsExtensions) {

    /**
     * What core implements without any plugin. GRPCRoute (and its named rules) is the route-grpc plugin's feature;
     * TLSRoute, TCPRoute and UDPRoute (and their modes) are the route-tls,
     * route-tcp and route-udp plugins' features, BackendTLSPolicy (and its SAN validation) the policy-backend-tls
     * plugin's, ListenerSet the listenerset plugin's, the Gateway-level TLS features (frontend client certificate
     * validation, backend client certificate, misdirected requests) the gateway-tls plugin's.
     */
    public static final Set<GatewayFeature> CORE_FEATURES = Set.copyOf(List.of(
            GatewayFeature.Gateway,
            GatewayFeature.GatewayPort8080,
            // spec.addresses: values are bound (an unusable one is AddressNotUsable), an empty IPAddress is assigned
            GatewayFeature.GatewayStaticAddresses,
            GatewayFeature.GatewayAddressEmpty,
            // spec.infrastructure: labels on lintel_gateway_info on a VM; in a cluster the provisioner puts labels and
            // annotations on the Deployment, Pods and Service it creates
            GatewayFeature.GatewayInfrastructurePropagation,
            GatewayFeature.GatewayHTTPListenerIsolation,
            GatewayFeature.HTTPRoute,
            GatewayFeature.HTTPRouteQueryParamMatching,
            GatewayFeature.HTTPRouteMethodMatching,
            GatewayFeature.HTTPRouteParentRefPort,
            GatewayFeature.HTTPRouteDestinationPortMatching,
            GatewayFeature.HTTPRouteNamedRouteRule,
            GatewayFeature.ReferenceGrant));

    public static final PluginRegistry EMPTY =
            new PluginRegistry(List.of(), Map.of(), Map.of(), List.of(), Map.of(), CORE_FEATURES);

    public PluginRegistry {
        plugins = List.copyOf(requireNonNull(plugins, "plugins"));
        filterFactories = Map.copyOf(requireNonNull(filterFactories, "filterFactories"));
        backendProtocols = Map.copyOf(requireNonNull(backendProtocols, "backendProtocols"));
        tlsMaterialLoaders = List.copyOf(requireNonNull(tlsMaterialLoaders, "tlsMaterialLoaders"));
        configSources = Map.copyOf(requireNonNull(configSources, "configSources"));
        features = Set.copyOf(requireNonNull(features, "features"));
        requireNonNull(policies, "policies");
        requireNonNull(reports, "reports");
        streamRouteKinds = List.copyOf(requireNonNull(streamRouteKinds, "streamRouteKinds"));
        backendTlsPolicyKinds = List.copyOf(requireNonNull(backendTlsPolicyKinds, "backendTlsPolicyKinds"));
        listenerSetKinds = List.copyOf(requireNonNull(listenerSetKinds, "listenerSetKinds"));
        httpRouteKinds = List.copyOf(requireNonNull(httpRouteKinds, "httpRouteKinds"));
        gatewayTlsExtensions = List.copyOf(requireNonNull(gatewayTlsExtensions, "gatewayTlsExtensions"));
        if (gatewayTlsExtensions.size() > 1) {
            throw new IllegalArgumentException("gatewayTlsExtensions: " + gatewayTlsExtensions
                    + " (expected: at most one)");
        }
    }

    /** A registry without HTTP-family route kinds nor the Gateway-level TLS extension. */
    public PluginRegistry(List<String> plugins, Map<FilterKey, HttpFilterFactory> filterFactories,
            Map<String, BackendProtocolFactory> backendProtocols, List<TlsMaterialLoader> tlsMaterialLoaders,
            Map<String, ConfigSourceFactory> configSources, Set<GatewayFeature> features, PolicyPlugins policies,
            PluginReports reports, List<StreamRouteKind> streamRouteKinds,
            List<BackendTlsPolicyKind> backendTlsPolicyKinds, List<ListenerSetKind> listenerSetKinds) {
        this(plugins, filterFactories, backendProtocols, tlsMaterialLoaders, configSources, features, policies, reports,
                streamRouteKinds, backendTlsPolicyKinds, listenerSetKinds, List.of(), List.of());
    }

    /** The Gateway-level TLS extension of the loaded plugins, if one is loaded. */
    public Optional<GatewayTlsExtension> gatewayTls() {
        return gatewayTlsExtensions.stream().findFirst();
    }

    /** This registry with {@code extension} as its Gateway-level TLS extension and its features added (for tests). */
    public PluginRegistry withGatewayTls(GatewayTlsExtension extension) {
        Set<GatewayFeature> all = new TreeSet<>(features);
        all.addAll(extension.features());
        return new PluginRegistry(plugins, filterFactories, backendProtocols, tlsMaterialLoaders, configSources, all,
                policies, reports, streamRouteKinds, backendTlsPolicyKinds, listenerSetKinds, httpRouteKinds,
                List.of(extension));
    }

    /** A registry without listener set kinds nor HTTP-family route kinds. */
    public PluginRegistry(List<String> plugins, Map<FilterKey, HttpFilterFactory> filterFactories,
            Map<String, BackendProtocolFactory> backendProtocols, List<TlsMaterialLoader> tlsMaterialLoaders,
            Map<String, ConfigSourceFactory> configSources, Set<GatewayFeature> features, PolicyPlugins policies,
            PluginReports reports, List<StreamRouteKind> streamRouteKinds,
            List<BackendTlsPolicyKind> backendTlsPolicyKinds) {
        this(plugins, filterFactories, backendProtocols, tlsMaterialLoaders, configSources, features, policies, reports,
                streamRouteKinds, backendTlsPolicyKinds, List.of());
    }

    /** A registry without backend TLS policy kinds. */
    public PluginRegistry(List<String> plugins, Map<FilterKey, HttpFilterFactory> filterFactories,
            Map<String, BackendProtocolFactory> backendProtocols, List<TlsMaterialLoader> tlsMaterialLoaders,
            Map<String, ConfigSourceFactory> configSources, Set<GatewayFeature> features, PolicyPlugins policies,
            PluginReports reports, List<StreamRouteKind> streamRouteKinds) {
        this(plugins, filterFactories, backendProtocols, tlsMaterialLoaders, configSources, features, policies, reports,
                streamRouteKinds, List.of(), List.of());
    }

    /**
     * A registry without resource or policy kinds, whose plugins registered no metrics or {@code /ready} lines (what
     * tests of filters, protocols and TLS build).
     */
    public PluginRegistry(List<String> plugins, Map<FilterKey, HttpFilterFactory> filterFactories,
            Map<String, BackendProtocolFactory> backendProtocols, List<TlsMaterialLoader> tlsMaterialLoaders,
            Map<String, ConfigSourceFactory> configSources, Set<GatewayFeature> features) {
        this(plugins, filterFactories, backendProtocols, tlsMaterialLoaders, configSources, features, PolicyPlugins.NONE,
                new PluginReports(), List.of());
    }

    /**
     * Every kind the loaded plugins read (beyond core's own), of every family: stream route kinds, HTTP-family route
     * kinds, backend TLS policy kinds and listener set kinds in load order, then policy kinds by {@code group/kind}. The one list config sources are given
     * ({@link io.lintel.spi.PluginContext#resourceKinds()}): a new family of plugin kinds is added here, and no
     * config source changes. Each group and kind once (the first family's versions win): the loader keeps route and
     * backend TLS kinds apart, but a policy kind is claimed separately and could repeat one of them.
     */
    public List<ResourceKind> resourceKinds() {
        Map<String, ResourceKind> byGroupKind = new LinkedHashMap<>();
        Stream.of(
                streamRouteKinds.stream().map(StreamRouteKind::kind),
                httpRouteKinds.stream().map(HttpRouteKind::kind),
                backendTlsPolicyKinds.stream().map(BackendTlsPolicyKind::kind),
                listenerSetKinds.stream().map(ListenerSetKind::kind),
                policies.sortedKinds().stream().map(PolicyKind::resourceKind))
                .flatMap(kinds -> kinds)
                .forEach(kind -> byGroupKind.putIfAbsent(kind.toString(), kind));
        return List.copyOf(byGroupKind.values());
    }
}
