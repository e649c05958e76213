package io.lintel.spi;

/**
 * Gateway API features, named exactly as the Gateway API conformance suite and GatewayClass
 * {@code status.supportedFeatures} name them ({@link #name()} is the feature name).
 *
 * <p>A factory declares the features it implements; GatewayClass {@code supportedFeatures} is the union of
 * core's own features and those of the loaded plugins, so removing a plugin removes its features.
 */
public enum GatewayFeature {
    // Gateway
    Gateway,
    GatewayPort8080,
    GatewayHTTPListenerIsolation,
    GatewayStaticAddresses,
    GatewayInfrastructurePropagation,
    GatewayBackendClientCertificate,
    GatewayFrontendClientCertificateValidation,
    GatewayFrontendClientCertificateValidationInsecureFallback,
    GatewayHTTPSListenerDetectMisdirectedRequests,
    // HTTPRoute
    HTTPRoute,
    HTTPRouteQueryParamMatching,
    HTTPRouteMethodMatching,
    HTTPRouteResponseHeaderModification,
    HTTPRoutePortRedirect,
    HTTPRouteSchemeRedirect,
    HTTPRoutePathRedirect,
    HTTPRouteHostRewrite,
    HTTPRoutePathRewrite,
    HTTPRouteRequestMirror,
    HTTPRouteRequestMultipleMirrors,
    HTTPRouteRequestPercentageMirror,
    HTTPRouteRequestTimeout,
    HTTPRouteBackendTimeout,
    HTTPRouteParentRefPort,
    HTTPRouteBackendRequestHeaderModification,
    HTTPRouteBackendProtocolH2C,
    HTTPRouteBackendProtocolWebSocket,
    HTTPRouteDestinationPortMatching,
    HTTPRouteRetry,
    HTTPRouteRetryConnectionError,
    HTTPRouteRetryBackendTimeout,
    HTTPRouteNamedRouteRule,
    HTTPRouteCORS,
    HTTPRoute303RedirectStatusCode,
    HTTPRoute307RedirectStatusCode,
    HTTPRoute308RedirectStatusCode,
    // Other route kinds and policies
    GRPCRoute,
    GRPCRouteNamedRouteRule,
    TLSRoute,
    TLSRouteModeTerminate,
    TLSRouteModeMixed,
    TCPRoute,
    ReferenceGrant,
    BackendTLSPolicy,
    BackendTLSPolicySANValidation
}
