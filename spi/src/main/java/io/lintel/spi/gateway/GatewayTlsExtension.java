package io.lintel.spi.gateway;

import io.lintel.spi.GatewayFeature;
import java.util.Set;

/**
 * The Gateway-level TLS features: client certificate validation of HTTPS listeners (Gateway API
 * {@code spec.tls.frontend}, GEP-91), the client certificate a Gateway presents to backends
 * ({@code spec.tls.backend.clientCertificateRef}) and the {@code 421 Misdirected Request} answer to a request whose
 * host belongs to another listener than the connection's TLS server name (GEP-3567). Returned by
 * {@link io.lintel.spi.LintelPlugin#gatewayTlsExtensions}; at most one plugin provides it.
 *
 * <p>The split of the work:
 * <ul>
 *   <li>the plugin declares the {@link #features() features} it implements, {@link #describe describes} what a
 *       Gateway's {@code spec.tls} asks for (which validation applies to which port, in which mode; which
 *       certificate to present to backends) or says why it cannot be served, and says whether misdirected requests
 *       are {@link #detectsMisdirectedRequests() detected};</li>
 *   <li>core validates the Gateway against its CRD schema, resolves the references (Secrets, ConfigMaps,
 *       ReferenceGrants), loads trust anchors and certificates, builds the TLS contexts, records the TLS server name
 *       of each connection and answers 421, and writes the Gateway's and listeners' conditions.</li>
 * </ul>
 *
 * <p>Without the plugin these features leave GatewayClass {@code supportedFeatures}; an HTTPS listener that
 * {@code spec.tls.frontend} asks to validate client certificates is refused ({@code Accepted=False}) rather than
 * served without the validation, a {@code spec.tls.backend.clientCertificateRef} makes the Gateway
 * {@code ResolvedRefs=False}, and requests are routed by their host whatever the connection's server name.
 *
 * <p>{@link #describe} is pure: the same input gives the same description, from any thread, without blocking.
 */
public interface GatewayTlsExtension {

    /**
     * The features this extension implements, e.g. {@code GatewayFrontendClientCertificateValidation}; they join
     * GatewayClass {@code supportedFeatures}.
     */
    Set<GatewayFeature> features();

    /** What a Gateway's {@code spec.tls} asks core to do, or the fields it cannot serve. */
    GatewayTlsDescription describe(GatewayTlsSpec tls);

    /**
     * Whether an HTTPS socket with more than one TLS-terminating listener answers {@code 421 Misdirected Request} to
     * a request whose host selects another listener (or none) than the connection's TLS server name did.
     */
    boolean detectsMisdirectedRequests();
}
