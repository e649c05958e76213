package io.lintel.core.passthrough;

import io.netty.channel.ChannelPipeline;

/**
 * Installs TLS termination into a connection's pipeline: for HTTPS listeners the SNI certificate choice and ALPN with
 * HTTP behind; for TLS listeners in Terminate mode the SNI certificate choice only (a relay goes behind).
 */
@FunctionalInterface
public interface TlsTermination {

    /**
     * Adds the termination handlers right after the handler named {@code after}; the caller then removes that handler,
     * which hands the buffered ClientHello on to them.
     */
    void install(ChannelPipeline pipeline, String after);
}
