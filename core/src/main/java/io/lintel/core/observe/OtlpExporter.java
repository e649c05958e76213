package io.lintel.core.observe;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends finished spans to an OTLP/HTTP collector ({@code POST <endpoint>} with {@code application/json}) from one
 * thread of its own, {@code lintel-otlp-exporter}: the event loops only {@link #offer} spans into a bounded queue
 * ({@link DroppingQueue}; full: the span is dropped and counted). A batch goes out when {@code maxBatch} spans wait or
 * {@code interval} has passed since the last one; a collector that fails or does not answer within {@code timeout}
 * loses that batch (counted, WARN at most every 30 s), never the event loops' time.
 */
public final class OtlpExporter {

    private static final Logger LOG = LoggerFactory.getLogger(OtlpExporter.class);
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

    private final URI endpoint;
    private final String serviceName;
    private final String version;
    private final int maxBatch;
    private final long intervalNanos;
    private final Duration timeout;
    private final DroppingQueue<SpanRecord> queue;
    private final LongAdder exported = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final HttpClient client;
    private final Thread thread;
    private long lastWarn = System.nanoTime() - WARN_INTERVAL_NANOS;

    OtlpExporter(URI endpoint, String serviceName, String version, int capacity, int maxBatch, Duration interval,
            Duration timeout) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.serviceName = requireNonNull(serviceName, "serviceName");
        this.version = requireNonNull(version, "version");
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: > 0)");
        }
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.timeout = requireNonNull(timeout, "timeout");
        this.queue = new DroppingQueue<>(capacity, "span export");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        thread = new Thread(this::run, "lintel-otlp-exporter");
        thread.setDaemon(true);
        queue.consumer(thread);
        thread.start();
    }

    /** Queues a span for export, or drops and counts it when the queue is full. Never waits. */
    void offer(SpanRecord span) {
        queue.offer(span);
    }

    /** Spans the collector accepted. */
    public long exported() {
        return exported.sum();
    }

    /** Spans dropped because the queue was full. */
    public long droppedQueueFull() {
        return queue.dropped();
    }

    /** Spans lost because their batch could not be sent (collector down, refused, too slow). */
    public long droppedExportFailed() {
        return failed.sum();
    }

    /** Sends what is queued, then stops the thread. */
    void close() {
        queue.close();
    }

    boolean awaitClosed(Duration wait) throws InterruptedException {
        thread.join(wait.toMillis());
        return !thread.isAlive();
    }

    private void run() {
        List<SpanRecord> batch = new ArrayList<>(maxBatch);
        long batchStarted = System.nanoTime();
        while (true) {
            SpanRecord span;
            while (batch.size() < maxBatch && (span = queue.poll()) != null) {
                batch.add(span);
            }
            long waited = System.nanoTime() - batchStarted;
            boolean closing = queue.closed();
            if (!batch.isEmpty() && (batch.size() >= maxBatch || waited >= intervalNanos || closing)) {
                send(batch);
                batch.clear();
                batchStarted = System.nanoTime();
                continue;
            }
            if (closing && queue.size() == 0) {
                return;
            }
            if (batch.isEmpty()) {
                batchStarted = System.nanoTime();
                queue.park(intervalNanos);
            } else {
                queue.park(Math.max(1, intervalNanos - waited));
            }
        }
    }

    private void send(List<SpanRecord> batch) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(OtlpJson.encode(serviceName, version, batch)))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                exported.add(batch.size());
                return;
            }
            lost(batch.size(), "answered " + response.statusCode() + " " + abbreviate(response.body()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost(batch.size(), "interrupted", null);
        } catch (Exception e) {
            lost(batch.size(), e.toString(), LOG.isDebugEnabled() ? e : null);
        }
    }

    private void lost(int spans, String why, Throwable cause) {
        failed.add(spans);
        long now = System.nanoTime();
        if (now - lastWarn >= WARN_INTERVAL_NANOS) {
            lastWarn = now;
            LOG.warn("tracing: {} spans not exported to {}: {} ({} lost in all; lintel_tracing_spans_dropped_total)",
                    spans, endpoint, why, failed.sum(), cause);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
