package io.lintel.spi.policy;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ResourceKind;
import java.util.List;
import java.util.Set;

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
 * <p>{@link #validate} and {@link #describe} receive the document as parsed (maps, lists, strings, numbers, booleans)
 * and must be pure: no I/O, no state, the same answer for the same document. Core calls them on every configuration
 * change that touches the object, possibly from several threads at once. An exception thrown by either is reported as
 * a problem of the document, which is then left out.
 *
 * <p>Without the plugin, the kind is not served: its features leave GatewayClass {@code supportedFeatures}, and an
 * object of the kind is reported as a configuration problem saying that no loaded plugin serves it; the backends of
 * the Services it targets are reached as if it did not exist.
 */
public interface BackendTlsPolicyKind {

    /** The kind and the versions read. */
    ResourceKind kind();

    /**
     * The Gateway API features implemented, e.g. {@code BackendTLSPolicy}; they appear in GatewayClass
     * {@code supportedFeatures}.
     */
    default Set<GatewayFeature> features() {
        return Set.of();
    }

    /**
     * Checks a document of the kind (in one of its versions, {@link KubernetesDocument#apiVersion()} says which)
     * against the kind's schema and validation rules, {@code spec} and below: types, required fields, unknown
     * fields, patterns, lengths, ranges, item counts, and the CRD's CEL rules with their messages.
     *
     * @return every violation found; empty when the document is valid
     */
    List<FieldViolation> validate(KubernetesDocument document);

    /** What a document {@link #validate} found valid asks for. */
    BackendTlsPolicyDescription describe(KubernetesDocument document);
}
