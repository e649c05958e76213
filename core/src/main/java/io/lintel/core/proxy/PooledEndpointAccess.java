package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.ActiveEndpointHealth;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyEndpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link EndpointAccess} core gives service policies: their requests go, like filters' callouts
 * ({@link CalloutExchange}), through the backend connection pool of a data-plane event loop (the loops taken in turn,
 * so checks spread over them), and their verdicts into {@link ActiveEndpointHealth}. Thread-safe.
 */
public final class PooledEndpointAccess implements EndpointAccess {

    private final EventLoopGroup loops;
    private final BackendConnectionPools pools;
    private final ActiveEndpointHealth health;

    public PooledEndpointAccess(EventLoopGroup loops, BackendConnectionPools pools, ActiveEndpointHealth health) {
        this.loops = requireNonNull(loops, "loops");
        this.pools = requireNonNull(pools, "pools");
        this.health = requireNonNull(health, "health");
    }

    @Override
    public CompletionStage<CalloutResponse> call(PolicyEndpoint endpoint, CalloutRequest request) {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(request, "request");
        EventLoop loop = loops.next();
        BackendEndpoint target = new BackendEndpoint(endpoint.address(), endpoint.port(), "");
        if (loop.inEventLoop()) {
            return CalloutExchange.send(pools.forLoop(loop), target, request);
        }
        return CompletableFuture.supplyAsync(() -> CalloutExchange.send(pools.forLoop(loop), target, request), loop)
                .thenCompose(stage -> stage);
    }

    @Override
    public void report(PolicyEndpoint endpoint, boolean healthy) {
        health.report(new BackendEndpoint(endpoint.address(), endpoint.port(), "").socketAddress(), healthy);
    }

    @Override
    public void forget(PolicyEndpoint endpoint) {
        health.forget(new BackendEndpoint(endpoint.address(), endpoint.port(), "").socketAddress());
    }
}
