package io.lintel.spi.backend;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.Unstable;
import java.util.Set;

/**
 * Speaks one backend protocol, chosen by a Service port's {@code appProtocol} (e.g. {@code kubernetes.io/h2c}).
 *
 * <p>Unstable: the pipeline handed to {@link #initialize} is Netty's {@code io.netty.channel.ChannelPipeline} of a
 * new backend connection, on the event loop that owns it. Typed as {@code Object} so that the SPI itself needs no
 * Netty; plugins compile against Netty and cast.
 */
@Unstable
public interface BackendProtocolFactory {

    /** The {@code appProtocol} value this factory serves. */
    String appProtocol();

    default Set<GatewayFeature> features() {
        return Set.of();
    }

    /** Adds the protocol's handlers to a new backend connection's pipeline. Runs on its event loop; must not block. */
    void initialize(Object channelPipeline);
}
