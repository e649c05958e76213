package io.lintel.spi.config;

import java.util.Optional;

/**
 * A running config source: reads resources from somewhere and pushes them into a {@link ResourceSink}, keeping
 * them current until closed.
 *
 * <p>{@link #start} is called once, on a thread that may block; it should push the initial state (or report
 * problems) and then watch from threads of its own. {@link #close} stops those threads; it is called once, also
 * when start failed.
 */
public interface ConfigSource extends AutoCloseable {

    /** Starts reading; pushes the initial state before {@link ResourceSink#markSynced()}. */
    void start(ResourceSink sink) throws Exception;

    /** Where computed status goes back to, if this source has such a place. */
    default Optional<StatusWriter> statusWriter() {
        return Optional.empty();
    }

    /** A one-line health summary for {@code /ready}, e.g. "watching /etc/lintel (12 files)" or "stale: ...". */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** True while the source reaches its backing store; false means it serves the last content it read. */
    default boolean healthy() {
        return true;
    }

    @Override
    void close();
}
