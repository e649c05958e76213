package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.proxy.MirrorDropReason;
import io.lintel.core.proxy.UdpDropReason;
import io.lintel.core.proxy.ProxyMetrics.RuleMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void countsRetriesTimeoutsReloadsAndUdpDatagramsInFixedSeries() throws IOException {
        metrics.backendRetried();
        metrics.timedOut("request");
        metrics.timedOut("backend_request");
        metrics.timedOut("backend_request");
        metrics.reloaded(true, TimeUnit.MILLISECONDS.toNanos(20));
        metrics.udpRelayed(true, 100);
        metrics.udpRelayed(false, 7);

        assertThat(text()).contains("lintel_backend_retries_total 1.0")
                .contains("lintel_timeouts_total{kind=\"request\"} 1.0")
                .contains("lintel_timeouts_total{kind=\"backend_request\"} 2.0")
                .contains("lintel_config_reloads_total{result=\"success\"} 1.0")
                .contains("lintel_config_reload_duration_seconds_bucket{le=\"0.025\"} 1")
                .contains("lintel_config_reload_duration_seconds_bucket{le=\"0.01\"} 0")
                .contains("lintel_udp_datagrams_total{direction=\"to_backend\"} 1.0")
                .contains("lintel_udp_bytes_total{direction=\"to_backend\"} 100.0")
                .contains("lintel_udp_bytes_total{direction=\"to_client\"} 7.0")
                .contains("lintel_tracing_spans_dropped_total{reason=\"queue_full\"} 0.0");
    }

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
                .contains("lintel_requests_total{code=\"404\",rule=\"none\",rule_name=\"\"} 1");
    }

    @Test
    void observesTheLatencyOfUnnamedRulesInOneSeries() throws IOException {
        RuleMetrics rule = metrics.forRule("httproute/default/web/rule/0");
        rule.requestCompleted(200, TimeUnit.MILLISECONDS.toNanos(2));
        rule.requestCompleted(200, TimeUnit.MILLISECONDS.toNanos(4));
        metrics.forRule("httproute/default/other/rule/3").requestCompleted(503, TimeUnit.MILLISECONDS.toNanos(4));
        metrics.forRule("none").requestCompleted(404, 1000);

        assertThat(text())
                .contains("lintel_request_duration_seconds_count{rule=\"other\",rule_name=\"\"} 4")
                .contains("lintel_request_duration_seconds_bucket{rule=\"other\",rule_name=\"\",le=\"0.0025\"} 2")
                .contains("lintel_request_duration_seconds_bucket{rule=\"other\",rule_name=\"\",le=\"0.005\"} 4")
                .doesNotContain("lintel_request_duration_seconds_count{rule=\"httproute")
                .doesNotContain("lintel_request_duration_seconds_count{rule=\"none\"");
    }

    @Test
    void givesNamedRulesAHistogramUpToTheLimit() throws IOException {
        GatewayMetrics limited = new GatewayMetrics(2);
        limited.forRule("httproute/default/web/rule/0", "a").requestCompleted(200, 1);
        limited.forRule("httproute/default/web/rule/1", "b").requestCompleted(200, 1);
        limited.forRule("httproute/default/web/rule/2", "c").requestCompleted(200, 1);

        assertThat(text(limited))
                .contains("lintel_request_duration_seconds_count{rule=\"httproute/default/web/rule/0\",rule_name=\"a\"} 1")
                .contains("lintel_request_duration_seconds_count{rule=\"httproute/default/web/rule/1\",rule_name=\"b\"} 1")
                .contains("lintel_request_duration_seconds_count{rule=\"other\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/web/rule/2\",rule_name=\"c\"} 1");
    }

    @Test
    void aRetiredNamedRuleFreesItsHistogramForTheNext() throws IOException {
        GatewayMetrics limited = new GatewayMetrics(1);
        limited.forRule("httproute/default/web/rule/0", "a").requestCompleted(200, 1);
        limited.retainRules(Set.of());
        limited.forRule("httproute/default/web/rule/1", "b").requestCompleted(200, 1);

        assertThat(text(limited))
                .doesNotContain("rule_name=\"a\"")
                .contains("lintel_request_duration_seconds_count{rule=\"httproute/default/web/rule/1\",rule_name=\"b\"} 1");
    }

    @Test
    void showsNoRuleSeriesBeforeTraffic() throws IOException {
        for (int i = 0; i < 100; i++) {
            metrics.forRule("httproute/default/web/rule/" + i, i % 2 == 0 ? "" : "n" + i);
        }

        assertThat(text()).doesNotContain("httproute").doesNotContain("lintel_request_duration_seconds_count");
    }

    @Test
    void countsEachStatusCodeOfARuleOnce() throws IOException {
        RuleMetrics rule = metrics.forRule("r");
        int[] codes = {200, 201, 204, 200, 301, 404, 404, 503, 500, 200, 0};
        for (int code : codes) {
            rule.requestCompleted(code, 1);
        }

        assertThat(text())
                .contains("lintel_requests_total{code=\"200\",rule=\"r\",rule_name=\"\"} 3")
                .contains("lintel_requests_total{code=\"201\",rule=\"r\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"204\",rule=\"r\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"301\",rule=\"r\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"404\",rule=\"r\",rule_name=\"\"} 2")
                .contains("lintel_requests_total{code=\"500\",rule=\"r\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"503\",rule=\"r\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"0\",rule=\"r\",rule_name=\"\"} 1");
    }

    @Test
    void countsConcurrentFirstRequestsOfACodeInOneSeries() throws Exception {
        RuleMetrics rule = metrics.forRule("r");
        int threads = 4;
        int perThread = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        rule.requestCompleted(200 + i % 3, 1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        String text = text();
        long total = 0;
        for (int code = 200; code < 203; code++) {
            String prefix = "lintel_requests_total{code=\"" + code + "\",rule=\"r\",rule_name=\"\"} ";
            assertThat(text).containsOnlyOnce(prefix);
            int at = text.indexOf(prefix) + prefix.length();
            total += (long) Double.parseDouble(text.substring(at, text.indexOf('\n', at)));
        }
        assertThat(total).isEqualTo((long) threads * perThread);
    }

    @Test
    void removesTheSeriesOfRulesNoLongerConfigured() throws IOException {
        metrics.forRule("httproute/default/kept/rule/0").requestCompleted(200, 1);
        metrics.forRule("httproute/default/gone/rule/0", "named").requestCompleted(200, 1);
        metrics.forRule("httproute/default/gone/rule/1").requestCompleted(503, 1);
        metrics.forRule("none").requestCompleted(404, 1);
        metrics.forRule("misdirected").requestCompleted(421, 1);

        metrics.retainRules(ir("httproute/default/kept/rule/0"));

        assertThat(text())
                .contains("rule=\"httproute/default/kept/rule/0\"")
                .doesNotContain("httproute/default/gone")
                .contains("lintel_requests_total{code=\"404\",rule=\"none\",rule_name=\"\"} 1")
                .contains("lintel_requests_total{code=\"421\",rule=\"misdirected\",rule_name=\"\"} 1");
        assertThat(metrics.ruleCount()).isEqualTo(3);
    }

    @Test
    void aRemovedRuleThatStillRecordsCreatesNoSeriesAndDoesNotThrow() throws IOException {
        RuleMetrics gone = metrics.forRule("httproute/default/gone/rule/0", "named");
        gone.requestCompleted(200, 1);
        metrics.retainRules(Set.of("httproute/default/kept/rule/0"));

        gone.requestCompleted(200, 1);
        gone.requestCompleted(502, 1);

        assertThat(text()).doesNotContain("httproute/default/gone");
        assertThat(metrics.ruleCount()).isZero();
    }

    @Test
    void aRemovedRuleThatCameBackCountsInItsNewSeries() throws IOException {
        RuleMetrics old = metrics.forRule("httproute/default/web/rule/0");
        old.requestCompleted(200, 1);
        metrics.retainRules(Set.of());
        RuleMetrics current = metrics.forRule("httproute/default/web/rule/0");

        old.requestCompleted(200, 1);
        current.requestCompleted(200, 1);

        assertThat(current).isNotSameAs(old);
        assertThat(text()).contains("lintel_requests_total{code=\"200\",rule=\"httproute/default/web/rule/0\",rule_name=\"\"} 2");
    }

    @Test
    void keepsTheSeriesOfARuleWhoseGep995NameChangedOnlyUnderTheNewName() throws IOException {
        metrics.forRule("httproute/default/web/rule/0", "before").requestCompleted(200, 1);
        metrics.forRule("httproute/default/web/rule/0", "after").requestCompleted(200, 1);

        metrics.retainRules(irWithName("httproute/default/web/rule/0", "after"));

        assertThat(text()).doesNotContain("rule_name=\"before\"").contains("rule_name=\"after\"");
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
        assertThat(text()).doesNotContain("lintel_request_duration_seconds_count{rule=\"other\"");
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
    void countsMirrorCopiesAndDropsByReasonWithEveryReasonPresentFromTheStart() throws IOException {
        assertThat(text()).contains("lintel_mirror_requests_total 0");
        for (MirrorDropReason reason : MirrorDropReason.values()) {
            assertThat(text()).contains("lintel_mirror_dropped_total{reason=\"" + reason.label() + "\"} 0");
        }

        metrics.mirrorRequested();
        metrics.mirrorRequested();
        metrics.mirrorRequested();
        metrics.mirrorDropped(MirrorDropReason.SLOW);
        metrics.mirrorDropped(MirrorDropReason.CONNECT);

        assertThat(text())
                .contains("lintel_mirror_requests_total 3")
                .contains("lintel_mirror_dropped_total{reason=\"slow\"} 1")
                .contains("lintel_mirror_dropped_total{reason=\"connect\"} 1")
                .contains("lintel_mirror_dropped_total{reason=\"error\"} 0");
    }

    @Test
    void countsUdpFlowsAndDropsByReasonWithEveryReasonPresentFromTheStart() throws IOException {
        for (UdpDropReason reason : UdpDropReason.values()) {
            assertThat(text()).contains("lintel_udp_datagrams_dropped_total{reason=\"" + reason.label() + "\"} 0");
        }

        metrics.udpFlowOpened();
        metrics.udpFlowOpened();
        metrics.udpFlowClosed();
        metrics.udpDatagramDropped(UdpDropReason.FLOW_LIMIT);
        metrics.udpDatagramDropped(UdpDropReason.OVERSIZED);
        metrics.udpDatagramDropped(UdpDropReason.OVERSIZED);

        assertThat(text())
                .contains("lintel_udp_flows 1")
                .contains("lintel_udp_flows_opened_total 2")
                .contains("lintel_udp_datagrams_dropped_total{reason=\"flow_limit\"} 1")
                .contains("lintel_udp_datagrams_dropped_total{reason=\"oversized\"} 2")
                .contains("lintel_udp_datagrams_dropped_total{reason=\"no_route\"} 0");
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
                .contains("# TYPE lintel_config_problems gauge")
                .contains("# TYPE lintel_access_log_dropped_total counter")
                .containsPattern("(?m)^lintel_access_log_dropped_total \\d");
        assertThat(metrics.textContentType()).startsWith("text/plain; version=0.0.4");
    }

    private String text() throws IOException {
        return text(metrics);
    }

    private static String text(GatewayMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRuleIsForgottenOnceNoVirtualHostOfTheServedConfigurationReachesIt() throws IOException {
        IrVirtualHost shared = virtualHost("a.example.com", "httproute/default/shared/rule/0");
        IrVirtualHost own = virtualHost("b.example.com", "httproute/default/own/rule/0");
        IrVirtualHost alsoShared = virtualHost("c.example.com", "httproute/default/shared/rule/0");
        metrics.forRule("httproute/default/shared/rule/0").requestCompleted(200, 1);
        metrics.forRule("httproute/default/own/rule/0").requestCompleted(200, 1);
        metrics.retainRules(irOf(shared, own, alsoShared));

        metrics.retainRules(irOf(alsoShared));
        assertThat(text()).contains("httproute/default/shared/rule/0").doesNotContain("httproute/default/own");

        metrics.retainRules(irOf());
        assertThat(text()).doesNotContain("httproute/default/shared");
        assertThat(metrics.ruleCount()).isZero();
    }

    private static IrVirtualHost virtualHost(String hostname, String rule) {
        IrRule irRule = new IrRule(rule, Optional.empty(), List.of(), List.of(), 404);
        return new IrVirtualHost(hostname, List.of(new IrRouteMatch(rule + "/match/0", IrPathMatch.MATCH_ALL, List.of(),
                List.of(), Optional.empty(), irRule)));
    }

    private static Ir irOf(IrVirtualHost... hosts) {
        return new Ir(List.of(new IrSocket("127.0.0.1", 8080, IrProtocol.HTTP, List.of(new IrListener(
                "gateway/default/gw/listener/http", "*", List.of(hosts))))));
    }

    private static Ir ir(String rule) {
        return irWithName(rule, "");
    }

    private static Ir irWithName(String rule, String ruleName) {
        IrRule irRule = new IrRule(rule, ruleName.isEmpty() ? Optional.empty() : Optional.of(ruleName), List.of(), List.of(), 404);
        IrRouteMatch match = new IrRouteMatch(rule + "/match/0", IrPathMatch.MATCH_ALL, List.of(), List.of(), Optional.empty(), irRule);
        return new Ir(List.of(new IrSocket("127.0.0.1", 8080, IrProtocol.HTTP, List.of(new IrListener(
                "gateway/default/gw/listener/http", "*", List.of(new IrVirtualHost("*", List.of(match))))))));
    }
}
