package io.lintel.spi;

import static java.util.Objects.requireNonNull;

/**
 * A Gateway API feature, named exactly as the Gateway API conformance suite and GatewayClass
 * {@code status.supportedFeatures} name it ({@link #name()} is the feature name).
 *
 * <p>A factory declares the features it implements; GatewayClass {@code supportedFeatures} is the union of
 * core's own features and those of the loaded plugins, so removing a plugin removes its features.
 *
 * <p>A value, not an enum: a plugin may declare a feature core does not know ({@code GatewayFeature.of("...")}), and
 * features compare by name, so a feature made with {@link #of} equals the constant of the same name. A plugin that
 * must also run on a core older than its SPI writes features newer than that core as {@code of("Name")}: a
 * constant the older SPI lacks would fail with {@link NoSuchFieldError}, a name never does.
 */
public final class GatewayFeature implements Comparable<GatewayFeature> {

    // Gateway
    public static final GatewayFeature Gateway = of("Gateway");
    public static final GatewayFeature GatewayPort8080 = of("GatewayPort8080");
    public static final GatewayFeature GatewayHTTPListenerIsolation = of("GatewayHTTPListenerIsolation");
    public static final GatewayFeature GatewayStaticAddresses = of("GatewayStaticAddresses");
    public static final GatewayFeature GatewayAddressEmpty = of("GatewayAddressEmpty");
    public static final GatewayFeature GatewayInfrastructurePropagation = of("GatewayInfrastructurePropagation");
    public static final GatewayFeature GatewayBackendClientCertificate = of("GatewayBackendClientCertificate");
    public static final GatewayFeature GatewayFrontendClientCertificateValidation = of("GatewayFrontendClientCertificateValidation");
    public static final GatewayFeature GatewayFrontendClientCertificateValidationInsecureFallback = of("GatewayFrontendClientCertificateValidationInsecureFallback");
    public static final GatewayFeature GatewayHTTPSListenerDetectMisdirectedRequests = of("GatewayHTTPSListenerDetectMisdirectedRequests");

    // HTTPRoute
    public static final GatewayFeature HTTPRoute = of("HTTPRoute");
    public static final GatewayFeature HTTPRouteQueryParamMatching = of("HTTPRouteQueryParamMatching");
    public static final GatewayFeature HTTPRouteMethodMatching = of("HTTPRouteMethodMatching");
    public static final GatewayFeature HTTPRouteResponseHeaderModification = of("HTTPRouteResponseHeaderModification");
    public static final GatewayFeature HTTPRoutePortRedirect = of("HTTPRoutePortRedirect");
    public static final GatewayFeature HTTPRouteSchemeRedirect = of("HTTPRouteSchemeRedirect");
    public static final GatewayFeature HTTPRoutePathRedirect = of("HTTPRoutePathRedirect");
    public static final GatewayFeature HTTPRouteHostRewrite = of("HTTPRouteHostRewrite");
    public static final GatewayFeature HTTPRoutePathRewrite = of("HTTPRoutePathRewrite");
    public static final GatewayFeature HTTPRouteRequestMirror = of("HTTPRouteRequestMirror");
    public static final GatewayFeature HTTPRouteRequestMultipleMirrors = of("HTTPRouteRequestMultipleMirrors");
    public static final GatewayFeature HTTPRouteRequestPercentageMirror = of("HTTPRouteRequestPercentageMirror");
    public static final GatewayFeature HTTPRouteRequestTimeout = of("HTTPRouteRequestTimeout");
    public static final GatewayFeature HTTPRouteBackendTimeout = of("HTTPRouteBackendTimeout");
    public static final GatewayFeature HTTPRouteParentRefPort = of("HTTPRouteParentRefPort");
    public static final GatewayFeature HTTPRouteBackendRequestHeaderModification = of("HTTPRouteBackendRequestHeaderModification");
    public static final GatewayFeature HTTPRouteBackendProtocolH2C = of("HTTPRouteBackendProtocolH2C");
    public static final GatewayFeature HTTPRouteBackendProtocolWebSocket = of("HTTPRouteBackendProtocolWebSocket");
    public static final GatewayFeature HTTPRouteDestinationPortMatching = of("HTTPRouteDestinationPortMatching");
    public static final GatewayFeature HTTPRouteRetry = of("HTTPRouteRetry");
    public static final GatewayFeature HTTPRouteRetryConnectionError = of("HTTPRouteRetryConnectionError");
    public static final GatewayFeature HTTPRouteRetryBackendTimeout = of("HTTPRouteRetryBackendTimeout");
    public static final GatewayFeature HTTPRouteNamedRouteRule = of("HTTPRouteNamedRouteRule");
    public static final GatewayFeature HTTPRouteCORS = of("HTTPRouteCORS");
    public static final GatewayFeature HTTPRoute303RedirectStatusCode = of("HTTPRoute303RedirectStatusCode");
    public static final GatewayFeature HTTPRoute307RedirectStatusCode = of("HTTPRoute307RedirectStatusCode");
    public static final GatewayFeature HTTPRoute308RedirectStatusCode = of("HTTPRoute308RedirectStatusCode");

    // Other route kinds and policies
    public static final GatewayFeature GRPCRoute = of("GRPCRoute");
    public static final GatewayFeature GRPCRouteNamedRouteRule = of("GRPCRouteNamedRouteRule");
    public static final GatewayFeature TLSRoute = of("TLSRoute");
    public static final GatewayFeature TLSRouteModeTerminate = of("TLSRouteModeTerminate");
    public static final GatewayFeature TLSRouteModeMixed = of("TLSRouteModeMixed");
    public static final GatewayFeature TCPRoute = of("TCPRoute");
    /** UDPRoute (standard since v1.6): UDP listeners relay each client's datagrams to one backend per flow. */
    public static final GatewayFeature UDPRoute = of("UDPRoute");
    /** ListenerSets attach listeners to Gateways that allow it (GEP-1713, standard since v1.5). */
    public static final GatewayFeature ListenerSet = of("ListenerSet");
    public static final GatewayFeature ReferenceGrant = of("ReferenceGrant");
    public static final GatewayFeature BackendTLSPolicy = of("BackendTLSPolicy");
    public static final GatewayFeature BackendTLSPolicySANValidation = of("BackendTLSPolicySANValidation");

    private final String name;

    private GatewayFeature(String name) {
        this.name = name;
    }

    /**
     * The feature named {@code name}, e.g. {@code "HTTPRouteRetry"}.
     *
     * @throws IllegalArgumentException when the name is empty or has characters other than letters and digits
     */
    public static GatewayFeature of(String name) {
        requireNonNull(name, "name");
        if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("feature name: \"" + name + "\" (expected: ASCII letters and digits)");
        }
        return new GatewayFeature(name);
    }

    /** The feature's name, as {@code supportedFeatures} lists it. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GatewayFeature feature && feature.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** By name, the order {@code supportedFeatures} lists features in. */
    @Override
    public int compareTo(GatewayFeature other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
