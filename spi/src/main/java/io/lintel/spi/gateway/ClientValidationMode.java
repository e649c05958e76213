package io.lintel.spi.gateway;

/** What a TLS handshake without a valid client certificate gets; named as Gateway API names the modes. */
public enum ClientValidationMode {
    /** Require a client certificate and verify it against the trust anchors; the handshake fails otherwise. */
    AllowValidOnly,
    /** Ask for a client certificate but accept the connection without one, or with one that does not verify. */
    AllowInsecureFallback
}
