package io.lintel.plugin.discovery.kubernetes;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSourceFactory;
import java.util.List;

/**
 * Provides the {@code kubernetes} config source: Gateway API resources watched on a Kubernetes API server, with
 * status written back and, optionally, a Deployment and Service provisioned per Gateway.
 */
public final class KubernetesDiscoveryPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "discovery-kubernetes";
    }

    @Override
    public List<ConfigSourceFactory> configSources(PluginContext context) {
        return List.of(new KubernetesConfigSourceFactory());
    }
}
