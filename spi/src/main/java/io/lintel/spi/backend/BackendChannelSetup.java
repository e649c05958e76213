package io.lintel.spi.backend;

import io.lintel.spi.Unstable;

/**
 * A new backend connection as core hands it to a {@link BackendProtocolFactory}: its Netty pipeline, and the limits
 * the protocol's codecs must apply. One object per connection, also passed when the connection
 * {@linkplain BackendProtocolFactory#switchProtocols switches protocols}; for a protocol that
 * {@linkplain BackendProtocolFactory#multiplexesStreams() multiplexes streams}, one more per stream, whose pipeline is
 * the stream channel's. Use it on the connection's event loop only.
 *
 * <p>The pipeline holds, in this order: core's idle-timeout handler, for a TLS endpoint ({@code https},
 * {@code kubernetes.io/wss}, or a BackendTLSPolicy) core's {@code SslHandler}, then whatever the plugin adds with
 * {@code addLast}, then core's handler. The plugin's handlers take the data plane's HTTP/1.1-shaped messages
 * (Netty {@code HttpObject}s: a request head, body parts, a last part) and emit the same for the response; after a
 * switch of protocols, raw {@code ByteBuf}s in both directions.
 *
 * <p>The SPI itself stays free of Netty (plugins see only this jar; Netty comes from core at run time, see
 * {@code docs/plugins.md}), so the pipeline is reached by naming its type: {@code pipeline(ChannelPipeline.class)}.
 * Methods added later come with defaults.
 */
@Unstable
public interface BackendChannelSetup {

    /**
     * The connection's pipeline as {@code pipelineType}, which is Netty's {@code io.netty.channel.ChannelPipeline}
     * (or one of its supertypes).
     *
     * @throws IllegalArgumentException when the pipeline is not a {@code pipelineType}, naming both types
     */
    <T> T pipeline(Class<T> pipelineType);

    /** The limits the protocol's decoders must apply to what the backend sends. */
    CodecLimits codecLimits();

    /** Whether core put TLS below the protocol's handlers (the handlers see clear text either way). */
    default boolean tls() {
        return false;
    }
}
