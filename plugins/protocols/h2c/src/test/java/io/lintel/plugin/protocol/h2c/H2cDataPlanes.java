package io.lintel.plugin.protocol.h2c;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.HttpFilterFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real data plane with this plugin's {@link H2cBackendProtocol} loaded, as the tests through it start it. */
final class H2cDataPlanes {

    private H2cDataPlanes() {}

    /** A data plane (one event loop, no metrics) with the h2c protocol and no filter plugins. */
    static NettyDataPlane start() {
        return start(List.of(), Map.of());
    }

    /** As {@link #start()}, with these filter factories as well, from plugins of these names. */
    static NettyDataPlane start(List<String> filterPlugins, Map<FilterKey, HttpFilterFactory> filters) {
        H2cBackendProtocol protocol = new H2cBackendProtocol();
        List<String> plugins = new ArrayList<>(List.of("protocol-h2c"));
        plugins.addAll(filterPlugins);
        PluginRegistry registry = new PluginRegistry(List.copyOf(plugins), filters,
                Map.of(protocol.appProtocol(), protocol), List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        return new NettyDataPlane(new EventLoops(1, true), registry, ProxyMetrics.NOOP, DataPlaneSettings.DEFAULTS);
    }

    /** A loopback port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
