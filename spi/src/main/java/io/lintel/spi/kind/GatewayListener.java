package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A listener with the fields of a Gateway's {@code spec.listeners[]} entry, as a {@link ListenerSetKind} contributes
 * it to a Gateway; core checks and serves it as one of the Gateway's own.
 *
 * @param name the listener's name, unique within the object that declares it
 * @param hostname its {@code hostname}, if set
 * @param port its {@code port}
 * @param protocol its {@code protocol} as written, e.g. {@code HTTPS}
 * @param tls its {@code tls}, if set
 * @param allowedRoutes its {@code allowedRoutes}, defaults applied when absent
 */
public record GatewayListener(String name, Optional<String> hostname, int port, String protocol,
        Optional<ListenerTls> tls, AllowedRoutes allowedRoutes) {

    public GatewayListener {
        requireNonNull(name, "name");
        requireNonNull(hostname, "hostname");
        requireNonNull(protocol, "protocol");
        requireNonNull(tls, "tls");
        requireNonNull(allowedRoutes, "allowedRoutes");
    }
}
