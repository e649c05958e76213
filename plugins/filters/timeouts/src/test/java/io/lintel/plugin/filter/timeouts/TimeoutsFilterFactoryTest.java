package io.lintel.plugin.filter.timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.testing.Configs;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import java.time.Duration;
import java.util.Map;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import org.junit.jupiter.api.Test;

class TimeoutsFilterFactoryTest {

    private final TimeoutsFilterFactory factory = new TimeoutsFilterFactory();

    private static FilterConfig timeouts(Map<String, Object> value) {
        return new FilterConfig(Configs.route(), "spec.rules[0].timeouts", value);
    }

    @Test
    void isFoundByServiceLoaderAndHandlesTheRuleField() {
        assertThat(ServiceLoaded.plugins(TimeoutsPlugin.class)).singleElement().satisfies(plugin -> {
                    assertThat(plugin.name()).isEqualTo("timeouts");
                    assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                        assertThat(f.key()).isEqualTo(FilterKey.ruleField("timeouts"));
                        assertThat(f.features()).containsExactlyInAnyOrder(GatewayFeature.HTTPRouteRequestTimeout,
                                GatewayFeature.HTTPRouteBackendTimeout);
                    });
                });
    }

    @Test
    void translatesBothFields() throws Exception {
        assertThat(factory.translate(timeouts(Map.of("request", "1m", "backendRequest", "500ms"))))
                .isEqualTo(new TimeoutsSpec(Duration.ofMinutes(1), Duration.ofMillis(500)));
        assertThat(factory.translate(timeouts(Map.of("backendRequest", "500ms"))))
                .isEqualTo(new TimeoutsSpec(Duration.ZERO, Duration.ofMillis(500)));
        assertThat(factory.translate(timeouts(Map.of("request", "0s"))))
                .isEqualTo(new TimeoutsSpec(Duration.ZERO, Duration.ZERO, true));
        assertThat(factory.translate(timeouts(Map.of())))
                .isEqualTo(new TimeoutsSpec(Duration.ZERO, Duration.ZERO, false));
    }

    @Test
    void backendRequestMayExceedADisabledRequestTimeoutOrBeDisabledItself() throws Exception {
        assertThat(factory.translate(timeouts(Map.of("request", "0s", "backendRequest", "10s"))))
                .isEqualTo(new TimeoutsSpec(Duration.ZERO, Duration.ofSeconds(10)));
        assertThat(factory.translate(timeouts(Map.of("request", "1s", "backendRequest", "0s"))))
                .isEqualTo(new TimeoutsSpec(Duration.ofSeconds(1), Duration.ZERO));
        assertThat(factory.translate(timeouts(Map.of("request", "1s", "backendRequest", "1000ms"))))
                .isEqualTo(new TimeoutsSpec(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void rejectsABackendRequestLongerThanTheRequest() {
        assertThatThrownBy(() -> factory.translate(timeouts(Map.of("request", "1s", "backendRequest", "2s"))))
                .isInstanceOf(FilterConfigException.class)
                .hasMessage("must not be longer than request (1s), got 2s")
                .satisfies(e -> {
                    assertThat(((FilterConfigException) e).fieldPath())
                            .isEqualTo("spec.rules[0].timeouts.backendRequest");
                    assertThat(((FilterConfigException) e).reason()).isEqualTo("UnsupportedValue");
                });
    }

    @Test
    void rejectsInvalidDurationsAndUnknownFields() {
        assertThatThrownBy(() -> factory.translate(timeouts(Map.of("request", "1.5s"))))
                .isInstanceOf(FilterConfigException.class)
                .satisfies(e -> assertThat(((FilterConfigException) e).fieldPath())
                        .isEqualTo("spec.rules[0].timeouts.request"));
        assertThatThrownBy(() -> factory.translate(timeouts(Map.of("idle", "1s"))))
                .isInstanceOf(FilterConfigException.class)
                .satisfies(e -> assertThat(((FilterConfigException) e).fieldPath())
                        .isEqualTo("spec.rules[0].timeouts.idle"));
    }
}
