package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

/**
 * A subject alternative name a backend's certificate may carry (BackendTLSPolicy {@code validation.subjectAltNames}).
 *
 * @param type {@link Type#HOSTNAME} (a DNS name, {@code *.} wildcards in the certificate allowed) or {@link Type#URI}
 *     (compared exactly, e.g. a SPIFFE ID)
 * @param value the name or URI
 */
public record IrSubjectAltName(Type type, String value) {

    /** The kinds of name, as BackendTLSPolicy spells them. */
    public enum Type { HOSTNAME, URI }

    public IrSubjectAltName {
        requireNonNull(type, "type");
        requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return (type == Type.URI ? "URI:" : "DNS:") + value;
    }
}
