package io.lintel.core.proxy;

/** What a relayed (not proxied) connection carries: the {@code kind} label of the {@code lintel_relay_*} metrics. */
public enum RelayKind {
    /** A TCPRoute's connection. */
    TCP("tcp"),
    /** A TLSRoute's connection relayed as it is (TLS passthrough). */
    TLS_PASSTHROUGH("tls_passthrough"),
    /** A TLSRoute's connection decrypted by the gateway and relayed in clear (TLS terminate). */
    TLS_TERMINATE("tls_terminate");

    private final String label;

    RelayKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
