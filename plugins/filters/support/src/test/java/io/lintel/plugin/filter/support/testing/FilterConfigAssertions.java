package io.lintel.plugin.filter.support.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.Map;

/** Assertions on how a factory rejects a configuration, shared by the filter plugins' factory tests. */
public final class FilterConfigAssertions {

    private FilterConfigAssertions() {}

    /**
     * Asserts that {@code factory} rejects {@code config}, given as filter field {@code field} (see
     * {@link Configs#filterConfig}), with reason {@value ConfigReader#UNSUPPORTED_VALUE}, at the field path
     * {@code spec.rules[0].filters[0].<field><at>} and a message containing {@code message}.
     */
    public static void assertRejected(HttpFilterFactory factory, String field, Map<String, Object> config, String at,
            String message) {
        assertThatThrownBy(() -> factory.translate(Configs.filterConfig(field, config)))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec.rules[0].filters[0]." + field + at);
                    assertThat(e.reason()).isEqualTo(ConfigReader.UNSUPPORTED_VALUE);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
