package io.lintel.plugin.discovery.kubernetes;

import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.util.Map;

/**
 * Creates {@link KubernetesConfigSource}s (type {@code kubernetes}); the settings are those of
 * {@link KubernetesSourceSettings}. Creating one only checks settings: the API server is first contacted on start. The
 * source watches core's kinds and every kind the loaded plugins read, whatever its family: the one list
 * {@link PluginContext#resourceKinds()}.
 */
public final class KubernetesConfigSourceFactory implements ConfigSourceFactory {

    public static final String TYPE = "kubernetes";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSource create(Map<String, String> settings, PluginContext context) {
        return new KubernetesConfigSource(KubernetesSourceSettings.parse(settings), KubernetesClients::create,
                context.resourceKinds());
    }
}
