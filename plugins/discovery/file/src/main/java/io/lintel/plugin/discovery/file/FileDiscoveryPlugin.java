package io.lintel.plugin.discovery.file;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSourceFactory;
import java.util.List;

/** Provides the {@code file} config source: Kubernetes manifests read from a watched directory. */
public final class FileDiscoveryPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "discovery-file";
    }

    @Override
    public List<ConfigSourceFactory> configSources(PluginContext context) {
        return List.of(new FileConfigSourceFactory());
    }
}
