package io.lintel.plugin.filter.responseheader;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.HeaderModification;
import io.lintel.plugin.filter.support.HeaderModification.Header;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import java.util.List;
import java.util.Map;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import org.junit.jupiter.api.Test;

class ResponseHeaderModifierFilterFactoryTest {

    private final ResponseHeaderModifierFilterFactory factory = new ResponseHeaderModifierFilterFactory();

    @Test
    void isFoundByServiceLoaderAndDeclaresItsFeature() {
        List<LintelPlugin> plugins = ServiceLoaded.plugins(ResponseHeaderModifierPlugin.class);

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("response-header-modifier");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("ResponseHeaderModifier"));
                assertThat(f.features()).containsExactly(GatewayFeature.HTTPRouteResponseHeaderModification);
            });
        });
    }

    @Test
    void translatesAValidConfiguration() throws Exception {
        FilterSpec spec = factory.translate(filterConfig("responseHeaderModifier", Map.of(
                "add", List.of(Map.of("name", "x-lowercase-add", "value", "lowercase-add"),
                        Map.of("name", "X-UPPERCASE-ADD", "value", "uppercase-add")))));

        assertThat(spec).isEqualTo(new ResponseHeaderModifierSpec(new HeaderModification(
                List.of(),
                List.of(new Header("x-lowercase-add", "lowercase-add"), new Header("X-UPPERCASE-ADD", "uppercase-add")),
                List.of())));
    }

    @Test
    void rejectsAnInvalidConfigurationNamingTheField() {
        assertThatThrownBy(() -> factory.translate(filterConfig("responseHeaderModifier", Map.of(
                "set", List.of(Map.of("name", "X-A", "value", "line\nbreak"))))))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec.rules[0].filters[0].responseHeaderModifier.set[0].value");
                    assertThat(e.reason()).isEqualTo("UnsupportedValue");
                });
        assertThatThrownBy(() -> factory.translate(filterConfig("responseHeaderModifier", Map.of("remove", "X-A"))))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec.rules[0].filters[0].responseHeaderModifier.remove");
                    assertThat(e.getMessage()).isEqualTo("expected a list, got the string \"X-A\"");
                });
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {})).isInstanceOf(IllegalArgumentException.class);
    }
}
