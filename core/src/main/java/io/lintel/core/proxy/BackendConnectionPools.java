package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.backend.BackendProtocolFactory;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link BackendConnectionPool} per event loop, made on first use. Thread-safe. */
public final class BackendConnectionPools {

    private final Class<? extends Channel> channelClass;
    private final BackendPoolSettings settings;
    private final Map<String, BackendProtocolFactory> protocols;
    private final ProxyMetrics metrics;
    private final ConcurrentHashMap<EventLoop, BackendConnectionPool> pools = new ConcurrentHashMap<>();

    public BackendConnectionPools(Class<? extends Channel> channelClass, BackendPoolSettings settings,
            Map<String, BackendProtocolFactory> protocols, ProxyMetrics metrics) {
        this.channelClass = requireNonNull(channelClass, "channelClass");
        this.settings = requireNonNull(settings, "settings");
        this.protocols = Map.copyOf(requireNonNull(protocols, "protocols"));
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** The pool of {@code eventLoop}; use it only on that loop. */
    public BackendConnectionPool forLoop(EventLoop eventLoop) {
        BackendConnectionPool pool = pools.get(eventLoop);
        return pool != null
                ? pool
                : pools.computeIfAbsent(eventLoop,
                        loop -> new BackendConnectionPool(loop, channelClass, settings, protocols, metrics));
    }

    /** Closes every idle connection of every pool. */
    public void closeIdle() {
        pools.values().forEach(BackendConnectionPool::closeIdle);
    }
}
