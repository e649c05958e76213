package io.lintel.core.passthrough;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.proxy.RelayKind;

/**
 * The metrics of one relayed connection: counted open from when the relay is wired until the client's side closes,
 * and its bytes each way, added once per read burst. Event loop only (both sides of a relay share it).
 */
final class RelayCounts {

    private final ProxyMetrics metrics;
    private final RelayKind kind;
    private boolean closed;

    RelayCounts(ProxyMetrics metrics, RelayKind kind) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.kind = requireNonNull(kind, "kind");
        metrics.relayOpened(kind);
    }

    void relayed(boolean toBackend, long bytes) {
        metrics.relayedBytes(kind, toBackend, bytes);
    }

    void close() {
        if (!closed) {
            closed = true;
            metrics.relayClosed(kind);
        }
    }
}
