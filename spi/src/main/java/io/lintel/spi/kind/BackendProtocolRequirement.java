package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

/**
 * The backend protocol an {@link HttpRouteKind}'s backends are spoken to with when their Service port names none
 * ({@link HttpRouteKind#defaultBackendProtocol()}). When no loaded backend protocol plugin serves it, a backendRef
 * to such a port is invalid ({@code ResolvedRefs=False}, reason {@code UnsupportedProtocol}) rather than spoken to in
 * HTTP/1.1, with the message: {@code <traffic> backend Service <ns>/<name> port <port> needs <protocolName>
 * (<appProtocol>), and no backend protocol plugin serves it (e.g. <plugin>)}.
 *
 * @param appProtocol the backend protocol, as a Service port's {@code appProtocol} names it, e.g.
 *     {@code kubernetes.io/h2c}
 * @param traffic what the kind's requests are, for messages, e.g. {@code gRPC}
 * @param protocolName the protocol's common name, for messages, e.g. {@code HTTP/2}
 * @param plugin a plugin that serves it, for messages, e.g. {@code protocol-h2c}
 */
public record BackendProtocolRequirement(String appProtocol, String traffic, String protocolName, String plugin) {

    public BackendProtocolRequirement {
        requireNonNull(appProtocol, "appProtocol");
        requireNonNull(traffic, "traffic");
        requireNonNull(protocolName, "protocolName");
        requireNonNull(plugin, "plugin");
    }
}
