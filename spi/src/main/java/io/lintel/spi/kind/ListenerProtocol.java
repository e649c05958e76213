package io.lintel.spi.kind;

/**
 * The listener protocols (Gateway {@code spec.listeners[].protocol}) whose listeners relay a stream route kind's
 * traffic. Core serves them all (sockets, TLS, relaying); a {@link StreamRouteKind} only says on which its routes
 * attach, and listeners of that protocol list the kind in {@code supportedKinds}.
 */
public enum ListenerProtocol {

    /**
     * {@code TLS}: connections are routed by the server name (SNI) of the client's ClientHello to the route whose
     * hostnames match it best. In {@code Passthrough} mode the TLS bytes are relayed as they are; in
     * {@code Terminate} mode core terminates TLS with the listener's certificates and relays the decrypted bytes.
     */
    TLS,

    /** {@code TCP}: every connection of the listener goes to the oldest route attached to it; no hostnames. */
    TCP,

    /** {@code UDP}: the datagrams of each client flow go to the oldest route attached to the listener; no hostnames. */
    UDP
}
