package io.lintel.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.admin.GatewayMetrics;
import io.lintel.spi.PluginReporting;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PluginReportsTest {

    private final PluginReports reports = new PluginReports();
    private final PluginReporting plugin = reports.forPlugin("rate-limit");

    @Test
    void pluginMetricsAreReadAtEachScrape() throws Exception {
        AtomicLong allowed = new AtomicLong(3);
        AtomicLong connections = new AtomicLong(2);
        plugin.counter("lintel_test_requests_total", "Requests", "result",
                Map.of("allowed", allowed::get));
        plugin.counter("lintel_test_plain_total", "Plain", () -> 7);
        plugin.gauge("lintel_test_connections", "Connections", connections::get);
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.register(reports);

        allowed.set(5);
        connections.set(0);
        String text = scrape(metrics);

        assertThat(text).contains("lintel_test_requests_total{result=\"allowed\"} 5.0")
                .contains("lintel_test_plain_total 7.0")
                .contains("lintel_test_connections 0.0")
                .contains("# HELP lintel_test_connections Connections (plugin rate-limit)");
    }

    @Test
    void namesMustBeLintelPrometheusNamesTakenOnce() {
        assertThatThrownBy(() -> plugin.gauge("redis_up", "x", () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis_up of plugin rate-limit");
        assertThatThrownBy(() -> plugin.counter("lintel_test_requests", "x", () -> 1))
                .hasMessageContaining("must end in _total");
        plugin.gauge("lintel_test_up", "x", () -> 1);
        assertThatThrownBy(() -> reports.forPlugin("other").gauge("lintel_test_up", "y", () -> 0))
                .hasMessageContaining("already registered by plugin rate-limit");
        assertThatThrownBy(() -> plugin.counter("lintel_test_total", "x", "Bad-Label", Map.of()))
                .hasMessageContaining("Bad-Label");
    }

    @Test
    void readyLinesComeFromEveryPluginAndAFailingSupplierIsNamed() {
        plugin.readyDetail(() -> List.of("rate-limit: Redis 127.0.0.1:6379 reachable (2 event loops)"));
        reports.forPlugin("broken").readyDetail(() -> {
            throw new IllegalStateException("boom");
        });

        assertThat(reports.readyDetail()).containsExactly(
                "rate-limit: Redis 127.0.0.1:6379 reachable (2 event loops)",
                "broken: state unavailable (java.lang.IllegalStateException: boom)");
    }

    private static String scrape(GatewayMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
