package io.lintel.core.ir;

/** The client-facing protocol of a socket. */
public enum IrProtocol {
    /** HTTP/1.1 and h2c (prior knowledge and Upgrade) in clear text. */
    HTTP,
    /** TLS-terminated HTTP/1.1 and h2 (ALPN). */
    HTTPS,
    /**
     * TLS chosen by the ClientHello's server name (SNI): listeners with {@link IrListener#passthrough()} relay the raw
     * TLS bytes to a backend without terminating them; the socket's other listeners (HTTPS ones) terminate TLS as
     * on an {@link #HTTPS} socket. A socket is TLS as soon as one of its listeners is in passthrough mode.
     * Listeners with both {@link IrListener#tls()} and {@link IrListener#passthrough()} (protocol TLS, mode
     * Terminate) terminate TLS with their certificates and relay the decrypted bytes to a TLSRoute's backend.
     */
    TLS,
    /**
     * Raw TCP: every connection is relayed to a backend of the first route of the socket's (one) listener's
     * {@link IrListener#passthrough()}, the oldest TCPRoute attached to it.
     */
    TCP,
    /**
     * UDP: a datagram socket (which may share its port number with a TCP socket of the same address). Each client
     * address:port is a flow relayed to one backend endpoint of the first route of the socket's (one) listener's
     * {@link IrListener#passthrough()}, the oldest UDPRoute attached to it.
     */
    UDP;

    /** True for a datagram socket: its identity is (address, port, UDP), apart from any TCP socket of that port. */
    public boolean datagram() {
        return this == UDP;
    }
}
