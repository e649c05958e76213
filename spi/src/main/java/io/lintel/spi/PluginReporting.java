package io.lintel.spi;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where a plugin shows its state: metrics on {@code /metrics} and lines on {@code /ready}. The plugin keeps the
 * values (e.g. in {@link java.util.concurrent.atomic.LongAdder}s) and core reads them when it renders a page, so
 * nothing is pushed from the request path. Register once, when the plugin lists what it provides; the suppliers are
 * called on admin threads, concurrently with everything else, so they return values already held and never block.
 *
 * <p>Metric names are Prometheus names starting with {@code lintel_} (lower case, digits and {@code _}), counters
 * ending in {@code _total}; a name already taken, or not of that shape, is refused with an
 * {@link IllegalArgumentException}.
 */
public interface PluginReporting {

    /** Discards everything: where core offers no reporting (a test, an older core). */
    PluginReporting DISCARD = new PluginReporting() {
        @Override
        public void counter(String name, String help, LongSupplier value) {}

        @Override
        public void counter(String name, String help, String label, Map<String, LongSupplier> valueByLabel) {}

        @Override
        public void gauge(String name, String help, LongSupplier value) {}

        @Override
        public void readyDetail(Supplier<List<String>> lines) {}
    };

    /** A counter (never decreasing) named {@code name}, e.g. {@code lintel_rate_limit_requests_total}. */
    void counter(String name, String help, LongSupplier value);

    /** A counter with one label: one series per entry of {@code valueByLabel} (label value → count). */
    void counter(String name, String help, String label, Map<String, LongSupplier> valueByLabel);

    /** A gauge (a value that goes up and down) named {@code name}. */
    void gauge(String name, String help, LongSupplier value);

    /**
     * Lines {@code /ready} lists after core's own (e.g. {@code "rate-limit: Redis 10.0.0.5:6379 unreachable"}); empty
     * when there is nothing to say. They inform and never make the gateway unready: a plugin's dependency failing is
     * for the plugin's own fail mode to handle, not a reason to take every replica out of its load balancer.
     */
    void readyDetail(Supplier<List<String>> lines);
}
