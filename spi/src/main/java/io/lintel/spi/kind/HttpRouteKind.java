package io.lintel.spi.kind;

import io.lintel.spi.config.KubernetesDocument;
import java.util.Optional;

/**
 * A route kind of the HTTP family, whose routes core matches request by request on HTTP and HTTPS listeners beside
 * HTTPRoutes, such as GRPCRoute: the plugin reads the kind's objects, core serves them. Returned by
 * {@link io.lintel.spi.LintelPlugin#httpRouteKinds}.
 *
 * <p>The split of the work:
 * <ul>
 *   <li>the plugin declares the {@link #kind() kind} and its versions and the {@link #features() features} it
 *       implements; it {@link #validate validates} each object as the API server would (the kind's CRD schema and
 *       rules, and the filters the kind allows) and {@link #describe describes} a valid one as an {@link HttpRoute}:
 *       its matches as path, header, query parameter and method matches (a gRPC method becomes a path, say), its
 *       filters as the document spells them;</li>
 *   <li>core reads the objects from every config source, checks their {@code metadata} (and the top-level fields),
 *       lists HTTP and HTTPS listeners as supporting the kind, attaches routes to parents ({@code sectionName},
 *       {@code port}, {@code allowedRoutes}, hostnames), translates their filters through the filter plugins,
 *       resolves backends (ReferenceGrants from the route's kind, Services, EndpointSlices,
 *       {@link #defaultBackendProtocol() the protocol} to speak to them), writes {@code status.parents}
 *       conditions, and serves the requests with the same precedence as HTTPRoute rules (GEP-1016: the route kinds
 *       of a hostname are matched together).</li>
 * </ul>
 *
 * <p>{@link #validate} and {@link #describe} are pure, as {@link DocumentKind} says.
 *
 * <p>Without the plugin, the kind is not served: listeners do not list it in {@code supportedKinds}, its features
 * leave GatewayClass {@code supportedFeatures}, and a route of the kind is reported as a configuration problem saying
 * that no loaded plugin serves it.
 */
public interface HttpRouteKind extends DocumentKind<HttpRoute> {

    /**
     * Whether a rule with filters but no backendRefs answers by itself (an HTTPRoute's redirect) rather than with 500.
     * False by default: every request needs a backend (a gRPC call does).
     */
    default boolean filtersAnswerWithoutBackends() {
        return false;
    }

    /**
     * The backend protocol the kind's backends (and those of its filters, a mirror's say) are spoken to with when
     * their Service port has no {@code appProtocol} (or {@code http}); empty (the default) means HTTP/1.1, as for an
     * HTTPRoute. GRPCRoute asks for {@code kubernetes.io/h2c}: gRPC needs HTTP/2 end to end.
     */
    default Optional<BackendProtocolRequirement> defaultBackendProtocol() {
        return Optional.empty();
    }

    /** The route a document {@link #validate} found valid describes. */
    @Override
    HttpRoute describe(KubernetesDocument document);
}
