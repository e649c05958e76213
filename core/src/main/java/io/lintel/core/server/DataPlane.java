package io.lintel.core.server;

import io.lintel.core.ir.Ir;
import java.util.List;

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

    /** Stops accepting, closes every connection, and releases the event loops. */
    @Override
    void close();
}
