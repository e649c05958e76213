package io.lintel.core.admin;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lintel's Prometheus metrics, in a registry of its own (not the global default, so that two instances, e.g. in
 * tests, never share series):
 *
 * <ul>
 *   <li>{@code lintel_requests_total{rule,code}}: finished requests by rule name and response status;
 *   <li>{@code lintel_request_duration_seconds{rule}}: time from the request headers' arrival to the end of the
 *       response;
 *   <li>{@code lintel_backend_connections}: open backend connections;
 *   <li>{@code lintel_backend_connections_opened_total}: backend connections ever opened;
 *   <li>{@code lintel_config_reloads_total{result}}: configuration reloads, {@code success} or {@code failure};
 *   <li>{@code lintel_config_problems}: problems in the current configuration.
 * </ul>
 *
 * <p>Thread-safe. {@link #forRule} is meant to be called when a route table is compiled: the handle it returns
 * holds the rule's label data points, so recording a request does no map lookup, allocation or string building.
 */
@Singleton
public final class GatewayMetrics implements ProxyMetrics {

    /** Latency buckets for a proxy: sub-millisecond local hops up to slow backends and long timeouts. */
    private static final double[] DURATION_BUCKETS_SECONDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter textWriter = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram requestDuration;
    private final Gauge backendConnections;
    private final Counter backendConnectionsOpened;
    private final CounterDataPoint reloadSuccesses;
    private final CounterDataPoint reloadFailures;
    private final Gauge configProblems;
    private final ConcurrentMap<RuleKey, RuleHandle> rules = new ConcurrentHashMap<>();

    @Inject
    public GatewayMetrics() {
        // Exemplars are off: they would look up a tracing span on every request, and Lintel does not trace.
        requests = Counter.builder()
                .name("lintel_requests_total")
                .help("Requests answered, by route rule and response status code")
                .labelNames("rule", "rule_name", "code")
                .withoutExemplars()
                .register(registry);
        requestDuration = Histogram.builder()
                .name("lintel_request_duration_seconds")
                .help("Time from a request's headers arriving to its response ending, by route rule")
                .unit(Unit.SECONDS)
                .labelNames("rule", "rule_name")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS_SECONDS)
                .withoutExemplars()
                .register(registry);
        backendConnections = Gauge.builder()
                .name("lintel_backend_connections")
                .help("Open connections to backends")
                .withoutExemplars()
                .register(registry);
        backendConnectionsOpened = Counter.builder()
                .name("lintel_backend_connections_opened_total")
                .help("Connections to backends opened since start")
                .withoutExemplars()
                .register(registry);
        Counter reloads = Counter.builder()
                .name("lintel_config_reloads_total")
                .help("Configuration reloads, by result: success (served) or failure (the previous configuration kept serving)")
                .labelNames("result")
                .withoutExemplars()
                .register(registry);
        reloadSuccesses = reloads.labelValues("success");
        reloadFailures = reloads.labelValues("failure");
        configProblems = Gauge.builder()
                .name("lintel_config_problems")
                .help("Problems in the current configuration (see the admin server's /status)")
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public RuleMetrics forRule(String ruleName) {
        return forRule(ruleName, "");
    }

    /** Labels the rule's data points with {@code rule} and {@code rule_name} (GEP-995; empty when unnamed). */
    @Override
    public RuleMetrics forRule(String rule, String ruleName) {
        requireNonNull(rule, "rule");
        requireNonNull(ruleName, "ruleName");
        return rules.computeIfAbsent(new RuleKey(rule, ruleName), RuleHandle::new);
    }

    private record RuleKey(String rule, String ruleName) {}

    @Override
    public void backendConnectionOpened() {
        backendConnections.inc();
        backendConnectionsOpened.inc();
    }

    @Override
    public void backendConnectionClosed() {
        backendConnections.dec();
    }

    /** Counts one configuration reload: {@code ok} when the new configuration is served, else a failure. */
    public void reloaded(boolean ok) {
        (ok ? reloadSuccesses : reloadFailures).inc();
    }

    /** Sets the number of problems in the current configuration. */
    public void configProblems(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        configProblems.set(count);
    }

    /** The registry holding these metrics, e.g. to add JVM metrics to it. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The {@code Content-Type} of what {@link #writeText} writes. */
    public String textContentType() {
        return textWriter.getContentType();
    }

    /** Writes every metric in the Prometheus text exposition format (version 0.0.4). */
    public void writeText(OutputStream out) throws IOException {
        textWriter.write(out, registry.scrape());
    }

    /** The data points of one rule: the histogram's, and the counter's per status code, made on first use. */
    private final class RuleHandle implements RuleMetrics {

        private static final int MIN_STATUS = 100;
        private static final int MAX_STATUS = 599;

        private final String rule;
        private final String ruleName;
        private final DistributionDataPoint duration;
        // Indexed by status - MIN_STATUS. An AtomicReferenceArray publishes the data point safely to every event
        // loop; two loops racing on the first request of a code get the same data point from the counter.
        private final AtomicReferenceArray<CounterDataPoint> byStatus =
                new AtomicReferenceArray<>(MAX_STATUS - MIN_STATUS + 1);

        RuleHandle(RuleKey key) {
            this.rule = key.rule();
            this.ruleName = key.ruleName();
            this.duration = requestDuration.labelValues(rule, ruleName);
        }

        @Override
        public void requestCompleted(int status, long durationNanos) {
            counterFor(status).inc();
            duration.observe(durationNanos / 1e9);
        }

        private CounterDataPoint counterFor(int status) {
            if (status < MIN_STATUS || status > MAX_STATUS) {
                // Not a status a client can receive; kept rather than dropped, but never cached.
                return requests.labelValues(rule, ruleName, Integer.toString(status));
            }
            CounterDataPoint counter = byStatus.get(status - MIN_STATUS);
            if (counter == null) {
                counter = requests.labelValues(rule, ruleName, Integer.toString(status));
                byStatus.set(status - MIN_STATUS, counter);
            }
            return counter;
        }
    }
}
