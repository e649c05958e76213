package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.proxy.ProxyMetrics.RuleMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void countsRequestsByRuleAndStatusCode() throws IOException {
        RuleMetrics rule = metrics.forRule("httproute/default/web/rule/0");
        rule.requestCompleted(200, TimeUnit.MILLISECONDS.toNanos(3));
        rule.requestCompleted(200, TimeUnit.MILLISECONDS.toNanos(4));
        rule.requestCompleted(503, TimeUnit.MILLISECONDS.toNanos(1));
        metrics.forRule("none").requestCompleted(404, 1000);

        assertThat(text())
                .contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/web/rule/0\",rule_name=\"\"} 2")
                .contains("lintel_requests_total{code=\"503\",rule=\"httproute/default/web/rule/0\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"404\",rule=\"none\",rule_name=\"\"} 1")
                .contains("lintel_request_duration_seconds_count{rule=\"httproute/default/web/rule/0\",rule_name=\"\"} 3")
                .contains("lintel_request_duration_seconds_bucket{rule=\"httproute/default/web/rule/0\",rule_name=\"\",le=\"0.0025\"} 1")
                .contains("lintel_request_duration_seconds_bucket{rule=\"httproute/default/web/rule/0\",rule_name=\"\",le=\"0.005\"} 3")
                .contains("lintel_request_duration_seconds_count{rule=\"none\",rule_name=\"\"} 1");
    }

    @Test
    void keepsStatusCodesOutsideTheHttpRange() throws IOException {
        metrics.forRule("r").requestCompleted(0, 1);
        metrics.forRule("r").requestCompleted(999, 1);

        assertThat(text())
                .contains("lintel_requests_total{code=\"0\",rule=\"r\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"999\",rule=\"r\",rule_name=\"\"} 1");
    }

    @Test
    void labelsANamedRuleWithItsName() throws IOException {
        metrics.forRule("httproute/default/web/rule/1", "checkout").requestCompleted(200, 1);

        assertThat(text())
                .contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/web/rule/1\",rule_name=\"checkout\"} 1")
                .contains("lintel_request_duration_seconds_count{rule=\"httproute/default/web/rule/1\",rule_name=\"checkout\"} 1");
        assertThat(metrics.forRule("r", "a")).isSameAs(metrics.forRule("r", "a")).isNotSameAs(metrics.forRule("r", "b"));
    }

    @Test
    void reusesTheHandleOfARuleAcrossRouteTables() {
        assertThat(metrics.forRule("r")).isSameAs(metrics.forRule("r"));
        assertThat(metrics.forRule("r")).isNotSameAs(metrics.forRule("other"));
    }

    @Test
    void tracksBackendConnections() throws IOException {
        metrics.backendConnectionOpened();
        metrics.backendConnectionOpened();
        metrics.backendConnectionOpened();
        metrics.backendConnectionClosed();

        assertThat(text())
                .contains("lintel_backend_connections 2")
                .contains("lintel_backend_connections_opened_total 3");
    }

    @Test
    void countsReloadsAndProblems() throws IOException {
        metrics.reloaded(true);
        metrics.reloaded(true);
        metrics.reloaded(false);
        metrics.configProblems(4);

        assertThat(text())
                .contains("lintel_config_reloads_total{result=\"success\"} 2")
                .contains("lintel_config_reloads_total{result=\"failure\"} 1")
                .contains("lintel_config_problems 4");
    }

    @Test
    void rejectsANegativeProblemCount() {
        assertThatThrownBy(() -> metrics.configProblems(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: >= 0");
    }

    @Test
    void instancesDoNotShareSeries() throws IOException {
        metrics.forRule("mine").requestCompleted(200, 1);

        GatewayMetrics other = new GatewayMetrics();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        other.writeText(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("mine");
    }

    @Test
    void writesHelpAndTypeLines() throws IOException {
        // Labelled series appear once they have a data point.
        metrics.forRule("r").requestCompleted(200, 1);

        assertThat(text())
                .contains("# TYPE lintel_requests_total counter")
                .contains("# TYPE lintel_request_duration_seconds histogram")
                .contains("# TYPE lintel_backend_connections gauge")
                .contains("# TYPE lintel_config_problems gauge");
        assertThat(metrics.textContentType()).startsWith("text/plain; version=0.0.4");
    }

    private String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
