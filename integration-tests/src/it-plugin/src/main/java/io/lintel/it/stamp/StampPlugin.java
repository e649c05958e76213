package io.lintel.it.stamp;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.List;
import java.util.Set;

/** Provides the {@code ExtensionRef} filter for {@code Stamp} objects of group {@code it.lintel.io}. */
public final class StampPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "it-stamp";
    }

    /** A feature name core has no constant for: SPI v2 features are plain names. */
    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.of("LintelItStamp"));
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        return List.of(new StampFilterFactory());
    }
}
