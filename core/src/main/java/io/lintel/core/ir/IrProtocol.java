package io.lintel.core.ir;

/** The client-facing protocol of a socket. */
public enum IrProtocol {
    /** HTTP/1.1 and h2c (prior knowledge and Upgrade) in clear text. */
    HTTP,
    /** TLS-terminated HTTP/1.1 and h2 (ALPN). */
    HTTPS
}
