package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTrafficTest {

    private static final String RULE = "httproute/default/web/rule/0";

    private static String metrics(int ok, int failed, int reset) {
        return """
                # HELP lintel_requests_total Requests answered.
                # TYPE lintel_requests_total counter
                lintel_requests_total{rule="%1$s",rule_name="checkout",code="200"} %2$d.0
                lintel_requests_total{rule="%1$s",rule_name="checkout",code="503"} %3$d.0
                lintel_requests_total{code="0",rule="%1$s",rule_name="checkout"} %4$d
                lintel_requests_total{rule="none",rule_name="",code="404"} 9.0
                lintel_request_duration_seconds_count{rule="other",rule_name=""} 40.0
                """.formatted(RULE, ok, failed, reset);
    }

    @Test
    void countsRequestsAndErrorsPerRuleWhateverTheLabelOrder() {
        RuleTraffic traffic = RuleTraffic.parse(metrics(10, 2, 1));

        assertThat(traffic.of(RULE)).isEqualTo(new RuleTraffic.Counts(13, 3));
        assertThat(traffic.of("none")).isEqualTo(new RuleTraffic.Counts(9, 0));
        assertThat(traffic.of("httproute/default/missing/rule/0")).isEqualTo(new RuleTraffic.Counts(0, 0));
    }

    @Test
    void theRateAndErrorRatioComeFromTheDifferenceBetweenTwoReads() {
        RuleTraffic earlier = RuleTraffic.parse(metrics(10, 2, 1));
        RuleTraffic now = RuleTraffic.parse(metrics(26, 6, 1));

        Map<String, Object> described = now.describe(RULE, earlier, 2.0);

        assertThat(described).containsEntry("requests", 33L).containsEntry("errors", 7L)
                .containsEntry("requestsPerSecond", 10.0).containsEntry("errorRatio", 0.2);
    }

    @Test
    void withoutTrafficInTheWindowThereIsNoErrorRatio() {
        RuleTraffic same = RuleTraffic.parse(metrics(10, 2, 1));

        assertThat(same.describe(RULE, same, 1.0)).containsEntry("requestsPerSecond", 0.0).containsEntry("errorRatio", null);
        assertThat(same.describe(RULE, null, 0)).containsOnlyKeys("requests", "errors");
    }

    @Test
    void labelValuesHaveTheirEscapesUndone() {
        assertThat(RuleTraffic.labels("rule=\"a\\\"b\",rule_name=\"x\\\\y\""))
                .containsEntry("rule", "a\"b").containsEntry("rule_name", "x\\y");
    }
}
