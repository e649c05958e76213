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
 *
 * <p>A protocol that carries many exchanges at once over one connection (HTTP/2) says so with
 * {@link #multiplexesStreams()}; core then shares its connections between exchanges, one stream each, and asks the
 * plugin for the handlers of each stream with {@link #initializeStream}.
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

    /**
     * Whether this protocol multiplexes exchanges over a connection as HTTP/2 streams. When true,
     * {@link #initialize(BackendChannelSetup)} must end the connection's pipeline with Netty's
     * {@code Http2FrameCodec} and {@code Http2MultiplexHandler}: core opens one child stream channel per exchange on
     * it (at most as many at once as the backend's {@code SETTINGS_MAX_CONCURRENT_STREAMS} and the gateway's
     * {@code lintel.backend.h2.maxConcurrentStreams} allow), passes each to {@link #initializeStream}, reads the
     * connection's own frames ({@code SETTINGS}, {@code GOAWAY}) after the multiplexer, and closes a stream (a reset)
     * to abandon its exchange. False (the default): one exchange at a time per connection. Asked once per event loop,
     * when its backend pool is made: the answer must not change.
     */
    default boolean multiplexesStreams() {
        return false;
    }

    /**
     * Adds the handlers of one stream of a {@linkplain #multiplexesStreams() multiplexed} connection: the pipeline
     * given is the stream channel's; its handlers take the data plane's HTTP/1.1-shaped messages and emit the same
     * for the response, exactly as a connection's handlers do for a protocol that does not multiplex. The same
     * {@link BackendChannelSetup#codecLimits() limits} apply. Called on the connection's event loop.
     */
    default void initializeStream(BackendChannelSetup stream) {
        throw new UnsupportedOperationException(appProtocol() + ": multiplexes streams but adds no stream handlers");
    }
}
