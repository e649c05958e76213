package io.lintel.spi.backend;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.Unstable;
import java.util.Set;

/**
 * Speaks one backend protocol, chosen by a Service port's {@code appProtocol} (e.g. {@code kubernetes.io/h2c}).
 *
 * <p>Unstable: it hands out Netty pipeline pieces (see {@link BackendChannelSetup}), so a plugin compiles against
 * Netty and must be rebuilt with each Lintel release. Every method runs on the event loop of the connection it is
 * about and must not block.
 *
 * <p>A plugin implements {@link #initialize(BackendChannelSetup)}, and {@link #switchProtocols} when its protocol
 * starts with an HTTP/1.1 upgrade (WebSocket). Core calls only those two; {@link #initialize(Object)} is the
 * first version of the contract, still honoured for plugins built against it.
 */
@Unstable
public interface BackendProtocolFactory {

    /** The {@code appProtocol} value this factory serves. */
    String appProtocol();

    default Set<GatewayFeature> features() {
        return Set.of();
    }

    /**
     * Adds the protocol's handlers to a new backend connection's pipeline, with decoders bounded by
     * {@link BackendChannelSetup#codecLimits()}.
     */
    default void initialize(BackendChannelSetup connection) {
        // a plugin built against the first contract implements only the untyped method
        initialize(connection.pipeline(Object.class));
    }

    /**
     * The first contract: adds the protocol's handlers to Netty's {@code ChannelPipeline}, given untyped and without
     * the gateway's limits.
     *
     * @deprecated implement {@link #initialize(BackendChannelSetup)}, which carries the limits to apply
     */
    @Deprecated
    default void initialize(Object channelPipeline) {
        throw new UnsupportedOperationException(appProtocol() + ": implements neither initialize method");
    }

    /**
     * The backend answered {@code 101 Switching Protocols} to an upgrade the client asked for (a WebSocket
     * handshake). Returns true when the protocol takes the connection over: its handlers from now on pass raw
     * {@code ByteBuf}s both ways (typically by removing its HTTP codec, whose decoder hands on what it read past the
     * {@code 101}), and core relays them to the client until either side closes. Returns false when the protocol
     * cannot, or the {@code 101} is not one it accepts (e.g. a WebSocket handshake answered wrongly): core then
     * answers the client {@code 502} and closes the backend connection. Called before the client sees the
     * {@code 101}. The default takes nothing over: a protocol that knows no upgrades fails them.
     */
    default boolean switchProtocols(BackendChannelSetup connection) {
        return false;
    }
}
