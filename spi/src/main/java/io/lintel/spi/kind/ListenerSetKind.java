package io.lintel.spi.kind;

import io.lintel.spi.config.KubernetesDocument;

/**
 * A kind whose objects add listeners to a Gateway that allows them, such as Gateway API's ListenerSet (GEP-1713): the
 * plugin reads the kind's objects, core merges their listeners into their Gateway and serves them. Returned by
 * {@link io.lintel.spi.LintelPlugin#listenerSetKinds}.
 *
 * <p>The split of the work:
 * <ul>
 *   <li>the plugin declares the {@link #kind() kind} and its versions and the {@link #features() features} it
 *       implements, {@link #validate validates} each object as the API server would (the kind's CRD schema and rules)
 *       and {@link #describe describes} a valid one as a {@link ListenerSetDescription}: its parent Gateway and its
 *       listeners;</li>
 *   <li>core reads the objects from every config source (the Kubernetes source watches the kind), checks their
 *       {@code metadata} (and that no top-level field other than {@code apiVersion}, {@code kind}, {@code metadata},
 *       {@code spec} and {@code status} is set), decides which objects a Gateway takes (its
 *       {@code spec.allowedListeners}), checks their listeners as the Gateway's own (protocol, route kinds,
 *       certificates, TLS options), settles conflicts (the Gateway's own listeners first, then objects by creation
 *       time, namespace and name), attaches routes whose parentRef names an object of the kind, serves the listeners
 *       on the Gateway's addresses, and writes the status of the object ({@code status.conditions} and
 *       {@code status.listeners}) and the Gateway's {@code status.attachedListenerSets}.</li>
 * </ul>
 *
 * <p>{@link #validate} and {@link #describe} are pure, as {@link DocumentKind} says.
 *
 * <p>Without the plugin, the kind is not served: its features leave GatewayClass {@code supportedFeatures}, and an
 * object of the kind is reported as a configuration problem saying that no loaded plugin serves it; a Gateway's
 * {@code spec.allowedListeners} is still validated (it is the Gateway's field) and takes nothing.
 */
public interface ListenerSetKind extends DocumentKind<ListenerSetDescription> {

    /** The parent and listeners a document {@link #validate} found valid declares. */
    @Override
    ListenerSetDescription describe(KubernetesDocument document);
}
