package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Store;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * The plugin's Redis connections: one per Redis address and event loop, made when that loop first counts a request in
 * that Redis, and kept (and shared by every policy naming the address) for the life of the process. Thread-safe; a
 * connection is then used only on its own loop.
 */
final class RedisStores {

    private final RateLimitSettings settings;
    private final Executor blocking;
    private final RateLimitMetrics metrics;
    private final ConcurrentMap<String, ConcurrentMap<EventLoop, RedisConnection>> connections =
            new ConcurrentHashMap<>();

    RedisStores(RateLimitSettings settings, Executor blocking, RateLimitMetrics metrics) {
        this.settings = settings;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    /** The connections to the Redis of {@code store}, by event loop. */
    ConcurrentMap<EventLoop, RedisConnection> store(Store store) {
        return connections.computeIfAbsent(store.redisAddress(), address -> new ConcurrentHashMap<>());
    }

    /** The connection of {@code loop} to the Redis of {@code store}. */
    RedisConnection connection(Store store, ConcurrentMap<EventLoop, RedisConnection> byLoop, EventLoop loop) {
        RedisConnection connection = byLoop.get(loop);
        if (connection == null) {
            connection = byLoop.computeIfAbsent(loop, l -> new RedisConnection(l, store.redisHost(), store.redisPort(),
                    settings, blocking, metrics));
        }
        return connection;
    }

    /** Connections down now (refused, lost, not yet back), over every address and event loop. */
    long unreachableCount() {
        long down = 0;
        for (Map<EventLoop, RedisConnection> byLoop : connections.values()) {
            for (RedisConnection connection : byLoop.values()) {
                if (connection.unreachable()) {
                    down++;
                }
            }
        }
        return down;
    }

    /** One {@code /ready} line per Redis address in use: reachable, or down on how many event loops. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        connections.forEach((address, byLoop) -> {
            long down = byLoop.values().stream().filter(RedisConnection::unreachable).count();
            if (byLoop.isEmpty()) {
                return;
            }
            lines.add(down == 0
                    ? "rate-limit: Redis " + address + " reachable (" + byLoop.size() + " event loops)"
                    : "rate-limit: Redis " + address + " unreachable from " + down + " of " + byLoop.size()
                            + " event loops; their requests are decided by failMode");
        });
        return lines;
    }
}
