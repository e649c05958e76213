package io.lintel.spi.policy;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.DocumentKind;

/**
 * A kind of policy that says how Lintel speaks TLS to the backends of the Services it targets, such as Gateway API's
 * BackendTLSPolicy (GEP-1897): the plugin reads the kind's objects, core applies them. Returned by
 * {@link io.lintel.spi.LintelPlugin#backendTlsPolicyKinds}.
 *
 * <p>The split of the work:
 * <ul>
 *   <li>the plugin declares the {@link #kind() kind} and its versions and the {@link #features() features} it
 *       implements, {@link #validate validates} each object as the API server would (the kind's CRD schema and rules)
 *       and {@link #describe describes} a valid one as a {@link BackendTlsPolicyDescription}: which Service ports it
 *       targets and the TLS to use there;</li>
 *   <li>core reads the objects from every config source (the Kubernetes source watches the kind), checks their
 *       {@code metadata} (and that no top-level field other than {@code apiVersion}, {@code kind}, {@code metadata},
 *       {@code spec} and {@code status} is set), validates the TLS {@code options} with the keys listeners use,
 *       resolves the CA certificate references (ConfigMaps and Secrets of the policy's namespace, key
 *       {@code ca.crt}), settles conflicts (of two policies for the same Service port the older wins; one naming the
 *       port beats one for the whole Service), builds the TLS contexts, and writes the policy status
 *       ({@code status.ancestors}: the Gateways whose routes reach a targeted Service, each with the conditions
 *       {@code Accepted} and {@code ResolvedRefs}).</li>
 * </ul>
 *
 * <p>{@link #validate} and {@link #describe} are pure, as {@link DocumentKind} says.
 *
 * <p>Without the plugin, the kind is not served: its features leave GatewayClass {@code supportedFeatures}, and an
 * object of the kind is reported as a configuration problem saying that no loaded plugin serves it; the backends of
 * the Services it targets are reached as if it did not exist.
 */
public interface BackendTlsPolicyKind extends DocumentKind<BackendTlsPolicyDescription> {

    /** What a document {@link #validate} found valid asks for. */
    @Override
    BackendTlsPolicyDescription describe(KubernetesDocument document);
}
