package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.backend.CodecLimits;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a backend protocol plugin is handed of a connection, and that plugins built against the first contract work. */
class ProtocolChannelSetupTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ProtocolChannelSetup setup = new ProtocolChannelSetup(channel.pipeline(),
            BackendPoolSettings.DEFAULTS.codecLimits(), true);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void givesThePipelineByTypeAndTheLimitsOfCoresBackendCodec() {
        assertThat(setup.pipeline(ChannelPipeline.class)).isSameAs(channel.pipeline());
        assertThat(setup.codecLimits()).isEqualTo(new CodecLimits(8192, 65536, 65536, 1 << 20));
        assertThat(setup.tls()).isTrue();
    }

    @Test
    void aWrongPipelineTypeIsNamedInTheError() {
        assertThatThrownBy(() -> setup.pipeline(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("io.netty.channel.ChannelPipeline");
    }

    /** A plugin built against the first contract implements only {@code initialize(Object)}. */
    @Test
    @SuppressWarnings("deprecation")
    void aPluginOfTheFirstContractGetsTheUntypedPipeline() {
        List<Object> given = new ArrayList<>();
        BackendProtocolFactory legacy = new BackendProtocolFactory() {
            @Override
            public String appProtocol() {
                return "example.com/legacy";
            }

            @Override
            public void initialize(Object channelPipeline) {
                given.add(channelPipeline);
                ((ChannelPipeline) channelPipeline).addLast(new HttpClientCodec());
            }
        };

        legacy.initialize(setup);

        assertThat(given).containsExactly(channel.pipeline());
        assertThat(channel.pipeline().get(HttpClientCodec.class)).isNotNull();
        assertThat(legacy.switchProtocols(setup)).as("it knows no upgrades").isFalse();
    }
}
