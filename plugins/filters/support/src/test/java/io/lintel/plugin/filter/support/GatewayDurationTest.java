package io.lintel.plugin.filter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.filter.FilterConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayDurationTest {

    @Test
    void parsesEveryUnitAndCombinations() {
        assertThat(GatewayDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GatewayDuration.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(GatewayDuration.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(GatewayDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GatewayDuration.parse("1h2m3s4ms")).isEqualTo(Duration.parse("PT1H2M3.004S"));
        assertThat(GatewayDuration.parse("99999ms")).isEqualTo(Duration.ofMillis(99999));
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad : new String[] {"", "1", "-1s", "1.5s", "100000ms", "1d", "1s ", "1h1h1h1h1h", "s", "1us"}) {
            assertThat(GatewayDuration.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void namesTheFieldOfAnInvalidValue() {
        ConfigReader reader = ConfigReader.of("spec.rules[0].timeouts", Map.of("request", "1.5s"));
        assertThatThrownBy(() -> GatewayDuration.optional(reader, "request"))
                .isInstanceOf(FilterConfigException.class)
                .hasMessageContaining("\"1.5s\" is not a Gateway API duration")
                .satisfies(e -> assertThat(((FilterConfigException) e).fieldPath())
                        .isEqualTo("spec.rules[0].timeouts.request"));
    }
}
