package io.lintel.plugin.tls.pem;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.tls.TlsMaterialLoader;
import java.util.List;

/**
 * Provides the {@code pem} {@link TlsMaterialLoader} for {@code kubernetes.io/tls} Secrets.
 *
 * <p>It declares no Gateway feature: HTTPS listeners are a core feature that uses whichever loader is installed.
 */
public final class PemTlsPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "tls-pem";
    }

    @Override
    public List<TlsMaterialLoader> tlsMaterialLoaders(PluginContext context) {
        return List.of(new PemTlsMaterialLoader(context.clock()));
    }
}
