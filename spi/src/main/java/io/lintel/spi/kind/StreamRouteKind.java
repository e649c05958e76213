package io.lintel.spi.kind;

import io.lintel.spi.config.KubernetesDocument;

/**
 * A route kind whose routes relay whole connections (TLS, TCP) or datagrams (UDP), such as TLSRoute, TCPRoute and
 * UDPRoute: the plugin reads the kind's objects, core serves them. Returned by
 * {@link io.lintel.spi.LintelPlugin#streamRouteKinds}.
 *
 * <p>The split of the work:
 * <ul>
 *   <li>the plugin declares the {@link #kind() kind} and its versions, the {@link #protocol() listener protocol} its
 *       routes attach to and the {@link #features() features} it implements; it {@link #validate validates} each
 *       object as the API server would (the kind's CRD schema and rules) and {@link #describe describes} a valid
 *       one as a {@link StreamRoute};</li>
 *   <li>core reads the objects from every config source (the Kubernetes source watches the kind), checks their
 *       {@code metadata} (and that no top-level field other than {@code apiVersion}, {@code kind},
 *       {@code metadata}, {@code spec} and {@code status} is set), lists listeners of the protocol as supporting
 *       the kind, attaches routes to parents ({@code sectionName}, {@code port}, {@code allowedRoutes}, hostnames),
 *       resolves backends (ReferenceGrants from the route's kind, Services, EndpointSlices), writes
 *       {@code status.parents} conditions, and relays the traffic.</li>
 * </ul>
 *
 * <p>{@link #validate} and {@link #describe} are pure, as {@link DocumentKind} says.
 *
 * <p>Without the plugin, the kind is not served: listeners do not list it in {@code supportedKinds} (a listener
 * whose {@code allowedRoutes.kinds} names it gets {@code ResolvedRefs=False}, reason {@code InvalidRouteKinds}), its
 * features leave GatewayClass {@code supportedFeatures}, and a route of the kind is reported as a configuration
 * problem saying that no loaded plugin serves it.
 */
public interface StreamRouteKind extends DocumentKind<StreamRoute> {

    /** The protocol of the listeners the kind's routes attach to. */
    ListenerProtocol protocol();

    /** The route a document {@link #validate} found valid describes. */
    @Override
    StreamRoute describe(KubernetesDocument document);
}
