package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

/**
 * A name a backend's certificate may carry as a subject alternative name.
 *
 * @param type {@link Type#HOSTNAME} (a DNS name; {@code *.} wildcards in the certificate match one label) or
 *     {@link Type#URI} (compared exactly, e.g. a SPIFFE ID)
 * @param value the name or URI
 */
public record SubjectAltName(Type type, String value) {

    /** The kinds of name. */
    public enum Type { HOSTNAME, URI }

    public SubjectAltName {
        requireNonNull(type, "type");
        requireNonNull(value, "value");
    }
}
