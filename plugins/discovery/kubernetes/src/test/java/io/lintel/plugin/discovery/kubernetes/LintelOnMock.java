package io.lintel.plugin.discovery.kubernetes;

import io.lintel.core.inject.BlockingExecutor;
import io.lintel.core.inject.DaggerLintelComponent;
import io.lintel.core.inject.LintelRuntime;
import io.lintel.core.inject.LintelSettings;
import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Lintel's runtime (plugins from the class path) reading from a mock API server, started as {@code lintel run} would. */
final class LintelOnMock {

    private LintelOnMock() {}

    /**
     * Starts a runtime with the kubernetes source on {@code mock}.
     *
     * @param settings extra source settings ({@code key, value, key, value...})
     */
    static LintelRuntime start(MockApiServer mock, String bindAddress, String identity, String... settings)
            throws Exception {
        PluginRegistry registry = new PluginLoader(Map.of(), BlockingExecutor.shared(), Clock.systemUTC())
                .loadClassPath(LintelOnMock.class.getClassLoader());
        String[] all = new String[settings.length + 2];
        all[0] = KubernetesSourceSettings.IDENTITY;
        all[1] = identity;
        System.arraycopy(settings, 0, all, 2, settings.length);
        LintelSettings lintel = new LintelSettings("kubernetes", mock.settings(all),
                new InetSocketAddress("127.0.0.1", 0), bindAddress, "lintel.io/gateway-controller", Optional.empty(), 1);
        LintelRuntime runtime = DaggerLintelComponent.factory().create(lintel, registry).runtime();
        try {
            runtime.start();
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }
}
