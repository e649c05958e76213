package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

/**
 * A reference to an object of the policy's namespace holding trust anchors. Core resolves a core {@code ConfigMap}
 * or {@code Secret} (key {@code ca.crt}, PEM with one or more certificates); a reference of another kind, a missing
 * object or key, unparsable PEM or an expired certificate makes the policy {@code ResolvedRefs=False} with a message
 * naming {@code fieldPath} and the object, and without any usable anchor the policy is {@code Accepted=False}
 * (reason {@code NoValidCACertificate}) and its backends fail rather than fall back to clear text.
 *
 * @param group the object's API group, empty for the core group
 * @param kind the object's kind, e.g. {@code ConfigMap}
 * @param name the object's name
 * @param fieldPath where the reference is in the policy, e.g. {@code spec.validation.caCertificateRefs[0]}
 */
public record CaCertificateRef(String group, String kind, String name, String fieldPath) {

    public CaCertificateRef {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(fieldPath, "fieldPath");
    }
}
