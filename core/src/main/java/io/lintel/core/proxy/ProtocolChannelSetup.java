package io.lintel.core.proxy;

import io.lintel.spi.backend.BackendChannelSetup;
import io.lintel.spi.backend.CodecLimits;
import io.netty.channel.ChannelPipeline;

/**
 * What a backend protocol plugin is given of one new backend connection ({@link BackendChannelSetup}); kept by the
 * connection's {@link BackendHandler} so that the same object is passed again when the connection switches protocols.
 * Made once per connection, never per request.
 */
final class ProtocolChannelSetup implements BackendChannelSetup {

    private final ChannelPipeline pipeline;
    private final CodecLimits limits;
    private final boolean tls;

    ProtocolChannelSetup(ChannelPipeline pipeline, CodecLimits limits, boolean tls) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.tls = tls;
    }

    @Override
    public <T> T pipeline(Class<T> pipelineType) {
        if (!pipelineType.isInstance(pipeline)) {
            throw new IllegalArgumentException("the backend pipeline is a " + pipeline.getClass().getName()
                    + " (expected: " + pipelineType.getName() + ", i.e. io.netty.channel.ChannelPipeline; is the "
                    + "plugin's Netty its own rather than core's?)");
        }
        return pipelineType.cast(pipeline);
    }

    @Override
    public CodecLimits codecLimits() {
        return limits;
    }

    @Override
    public boolean tls() {
        return tls;
    }
}
