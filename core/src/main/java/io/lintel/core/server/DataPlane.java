package io.lintel.core.server;

import io.lintel.core.ir.Ir;
import io.lintel.core.route.CompiledRouteTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Serves an {@link Ir}. {@link #apply} is called from one control thread, never from an event loop.
 */
public interface DataPlane extends AutoCloseable {

    /**
     * Reconciles sockets (binds new ones, drains removed ones) and swaps in the compiled route table. Established
     * connections keep running.
     *
     * @return one message per socket that could not be bound, e.g. "127.0.0.10:80: Address already in use"
     */
    List<String> apply(Ir ir);

    /**
     * Stops accepting and lets the client connections end gracefully for at most {@code timeout} (zero: not at all),
     * then closes those still open. Later {@link #apply} calls swap the route table but bind nothing. Never call on
     * an event loop.
     *
     * @return how many client connections were still open when the timeout expired
     */
    default int drain(Duration timeout) {
        return 0;
    }

    /** The route table requests are routed by now (for the admin server's {@code /explain}); null when not known. */
    default CompiledRouteTable currentTable() {
        return null;
    }

    /** Stops accepting, closes every connection, and releases the event loops. */
    @Override
    void close();

    /**
     * The sockets of the last applied {@link Ir} that are not listening, each with the error of its last bind
     * attempt, in the IR's order; empty when every socket is bound.
     */
    default List<BindFailure> bindFailures() {
        return List.of();
    }

    /**
     * Tries again to bind the sockets of {@link #bindFailures()} (see {@link BindRetry}); compiles nothing and swaps
     * no route table. Called on the control thread, like {@link #apply}.
     *
     * @return the sockets that still failed
     */
    default List<BindFailure> retryFailedBinds() {
        return List.of();
    }

    /**
     * What active health checks (service policies) report now, by endpoint ({@code address:port}): true when
     * healthy; endpoints no check has decided on are absent. Thread-safe.
     */
    default Map<String, Boolean> endpointHealth() {
        return Map.of();
    }
}
