package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginReporting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every loaded plugin registered through its {@link PluginReporting}: metrics, which the admin server's
 * {@code /metrics} renders ({@link io.lintel.core.admin.GatewayMetrics#register(PluginReports)}), and lines for
 * {@code /ready}. Thread-safe: plugins register while they are loaded, admin threads read at any time.
 */
public final class PluginReports {

    private static final Logger LOG = LoggerFactory.getLogger(PluginReports.class);
    private static final Pattern NAME = Pattern.compile("lintel_[a-z0-9_]+");
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");

    /** One metric a plugin registered. */
    public record Metric(String plugin, String name, String help, Kind kind, String label,
            Map<String, LongSupplier> valueByLabel) {

        /** Counters only grow; gauges go both ways. */
        public enum Kind { COUNTER, GAUGE }

        public Metric {
            requireNonNull(plugin, "plugin");
            requireNonNull(name, "name");
            requireNonNull(help, "help");
            requireNonNull(kind, "kind");
            requireNonNull(label, "label");
            valueByLabel = Collections.unmodifiableMap(new LinkedHashMap<>(valueByLabel));
        }
    }

    private record ReadyLines(String plugin, Supplier<List<String>> lines) {}

    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final List<ReadyLines> readyLines = new CopyOnWriteArrayList<>();

    /** The reporting handed to plugin {@code plugin} in its context. */
    public PluginReporting forPlugin(String plugin) {
        requireNonNull(plugin, "plugin");
        return new PluginReporting() {
            @Override
            public void counter(String name, String help, LongSupplier value) {
                add(new Metric(plugin, name, help, Metric.Kind.COUNTER, "", Map.of("", value)));
            }

            @Override
            public void counter(String name, String help, String label, Map<String, LongSupplier> valueByLabel) {
                if (!LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException("metric " + name + ": label name " + label
                            + " is not a Prometheus label name");
                }
                add(new Metric(plugin, name, help, Metric.Kind.COUNTER, label, valueByLabel));
            }

            @Override
            public void gauge(String name, String help, LongSupplier value) {
                add(new Metric(plugin, name, help, Metric.Kind.GAUGE, "", Map.of("", value)));
            }

            @Override
            public void readyDetail(Supplier<List<String>> lines) {
                readyLines.add(new ReadyLines(plugin, requireNonNull(lines, "lines")));
            }
        };
    }

    /** Every metric registered so far, in registration order. */
    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** The plugins' lines for {@code /ready}; a supplier that fails is named instead of failing the page. */
    public List<String> readyDetail() {
        List<String> lines = new ArrayList<>();
        for (ReadyLines source : readyLines) {
            try {
                lines.addAll(source.lines().get());
            } catch (RuntimeException e) {
                LOG.warn("plugin {} failed to describe its state for /ready", source.plugin(), e);
                lines.add(source.plugin() + ": state unavailable (" + e + ")");
            }
        }
        return lines;
    }

    private synchronized void add(Metric metric) {
        if (!NAME.matcher(metric.name()).matches()) {
            throw new IllegalArgumentException("metric name " + metric.name() + " of plugin " + metric.plugin()
                    + " is not lintel_ followed by lower-case letters, digits and _");
        }
        if (metric.kind() == Metric.Kind.COUNTER && !metric.name().endsWith("_total")) {
            throw new IllegalArgumentException("counter " + metric.name() + " of plugin " + metric.plugin()
                    + " must end in _total");
        }
        for (Metric existing : metrics) {
            if (existing.name().equals(metric.name())) {
                throw new IllegalArgumentException("metric " + metric.name() + " of plugin " + metric.plugin()
                        + " is already registered by plugin " + existing.plugin());
            }
        }
        metrics.add(metric);
    }
}
