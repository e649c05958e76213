package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * The size of {@code /metrics} at scale (issue 12: 82 MB at 10 000 routes before series became lazy and latency
 * histograms per named rule). Prints the sizes it measures.
 */
class GatewayMetricsSizeTest {

    private static final long FIVE_MEGABYTES = 5L * 1024 * 1024;

    @Test
    void tenThousandRulesWithoutTrafficScrapeSmall() throws IOException {
        GatewayMetrics metrics = new GatewayMetrics();
        for (int i = 0; i < 10_000; i++) {
            metrics.forRule(rule(i / 3, i % 3), i % 3 == 0 ? "main" : "");
        }

        long size = report("10 000 rules, no traffic", metrics);

        // rules without traffic add nothing to the process-wide series (relays, UDP, reloads, tracing: ~7.5 KB)
        assertThat(size).isEqualTo(report("no rules", new GatewayMetrics())).isLessThan(10_240);
    }

    @Test
    void tenThousandRulesWithTrafficOnEveryRuleScrapeUnderFiveMegabytes() throws IOException {
        GatewayMetrics metrics = new GatewayMetrics();
        for (int i = 0; i < 10_000; i++) {
            metrics.forRule(rule(i / 3, i % 3), "").requestCompleted(200, 1_000_000);
        }

        long size = report("10 000 rules, one request each", metrics);

        assertThat(size).isLessThan(FIVE_MEGABYTES);
    }

    @Test
    void tenThousandRoutesOfThreeRulesWithTrafficAndNamesScrapeUnderFiveMegabytes() throws IOException {
        GatewayMetrics metrics = new GatewayMetrics();
        for (int route = 0; route < 10_000; route++) {
            for (int rule = 0; rule < 3; rule++) {
                // Every route names its first rule: more named rules than histograms.
                metrics.forRule(rule(route, rule), rule == 0 ? "main" : "").requestCompleted(200, 1_000_000);
            }
            metrics.forRule(rule(route, 0), "main").requestCompleted(route % 10 == 0 ? 503 : 200, 2_000_000);
        }

        long size = report("10 000 routes x 3 rules, traffic on every rule, 1 000 rules with a second code", metrics);

        assertThat(size).isLessThan(FIVE_MEGABYTES);
    }

    private static String rule(int route, int rule) {
        return String.format("httproute/default/route-%05d/rule/%d", route, rule);
    }

    private static long report(String what, GatewayMetrics metrics) throws IOException {
        metrics.writeText(new CountingStream()); // warm-up, for the time reported
        CountingStream out = new CountingStream();
        long start = System.nanoTime();
        metrics.writeText(out);
        long micros = (System.nanoTime() - start) / 1000;
        // Reported, never asserted: a unit test asserts no time.
        System.out.printf("/metrics with %s: %d bytes, rendered in %d ms%n", what, out.count, micros / 1000);
        return out.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
