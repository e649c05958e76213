package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A listener's {@code tls.certificateRefs[]} entry ({@code SecretObjectReference}) with the CRD's defaults applied.
 *
 * @param group the object's group; empty (the core group) when the document leaves it out
 * @param kind the object's kind; {@code Secret} when left out
 * @param namespace the object's namespace; empty means the namespace of the object that declares the listener
 * @param name the object's name
 */
public record CertificateRef(String group, String kind, Optional<String> namespace, String name) {

    public CertificateRef {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
    }
}
