package io.lintel.plugin.discovery.consul;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSourceFactory;
import java.util.List;

/** Provides the {@code consul} config source: resources from Consul KV, endpoints from Consul's catalog. */
public final class ConsulDiscoveryPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "discovery-consul";
    }

    @Override
    public List<ConfigSourceFactory> configSources(PluginContext context) {
        return List.of(new ConsulConfigSourceFactory());
    }
}
