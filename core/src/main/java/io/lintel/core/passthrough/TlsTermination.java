package io.lintel.core.passthrough;

import io.netty.channel.ChannelPipeline;

/** Installs TLS termination (the HTTPS listeners' SNI certificate choice and ALPN) into a connection's pipeline. */
@FunctionalInterface
public interface TlsTermination {

    /**
     * Adds the termination handlers right after the handler named {@code after}; the caller then removes that handler,
     * which hands the buffered ClientHello on to them.
     */
    void install(ChannelPipeline pipeline, String after);
}
