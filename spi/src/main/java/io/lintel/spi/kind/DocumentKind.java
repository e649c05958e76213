package io.lintel.spi.kind;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import java.util.List;
import java.util.Set;

/**
 * A kind whose objects a plugin reads and core serves: the plugin declares the kind and its features, validates each
 * object and describes a valid one as a {@code D}, a value core knows how to serve. The families of kinds
 * ({@link StreamRouteKind}, {@link HttpRouteKind}, {@link io.lintel.spi.policy.BackendTlsPolicyKind}) say what
 * their description is and what core does with it.
 *
 * <p>{@link #validate} and {@link #describe} receive the document as parsed (maps, lists, strings, numbers, booleans)
 * and must be pure: no I/O, no state, the same answer for the same document. Core calls them on every configuration
 * change that touches the object, possibly from several threads at once. An exception thrown by either is reported as
 * a problem of the document, which is then left out.
 *
 * @param <D> what a valid object describes
 */
public interface DocumentKind<D> {

    /** The kind and the versions read. */
    ResourceKind kind();

    /**
     * The Gateway API features implemented, e.g. {@code TLSRoute}; they appear in GatewayClass
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

    /** What a document {@link #validate} found valid describes. */
    D describe(KubernetesDocument document);
}
