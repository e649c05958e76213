package io.lintel.plugin.filter.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.testing.Configs;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import org.junit.jupiter.api.Test;

class RetryFilterFactoryTest {

    private final RetryFilterFactory factory = new RetryFilterFactory();

    private static FilterConfig retry(Map<String, Object> value) {
        return new FilterConfig(Configs.route(), "spec.rules[0].retry", value);
    }

    @Test
    void isFoundByServiceLoaderAndHandlesTheRuleField() {
        assertThat(ServiceLoaded.plugins(RetryPlugin.class)).singleElement().satisfies(plugin ->
                        assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                            assertThat(f.key()).isEqualTo(FilterKey.ruleField("retry"));
                            assertThat(f.features()).containsExactlyInAnyOrder(GatewayFeature.HTTPRouteRetry,
                                    GatewayFeature.HTTPRouteRetryConnectionError,
                                    GatewayFeature.HTTPRouteRetryBackendTimeout);
                        }));
    }

    @Test
    void translatesEveryField() throws Exception {
        assertThat(factory.translate(retry(Map.of("codes", List.of(503, 500, 500), "attempts", 3, "backoff", "100ms"))))
                .isEqualTo(new RetrySpec(List.of(500, 503), 3, Duration.ofMillis(100)));
        assertThat(factory.translate(retry(Map.of())))
                .isEqualTo(new RetrySpec(List.of(), 1, Duration.ZERO));
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertThatThrownBy(() -> factory.translate(retry(Map.of("codes", List.of(500, 200)))))
                .isInstanceOf(FilterConfigException.class)
                .satisfies(e -> assertThat(((FilterConfigException) e).fieldPath()).isEqualTo("spec.rules[0].retry.codes[1]"));
        assertThatThrownBy(() -> factory.translate(retry(Map.of("attempts", -1))))
                .isInstanceOf(FilterConfigException.class)
                .satisfies(e -> assertThat(((FilterConfigException) e).fieldPath()).isEqualTo("spec.rules[0].retry.attempts"));
        assertThatThrownBy(() -> factory.translate(retry(Map.of("backoff", "soon"))))
                .isInstanceOf(FilterConfigException.class)
                .satisfies(e -> assertThat(((FilterConfigException) e).fieldPath()).isEqualTo("spec.rules[0].retry.backoff"));
    }
}
