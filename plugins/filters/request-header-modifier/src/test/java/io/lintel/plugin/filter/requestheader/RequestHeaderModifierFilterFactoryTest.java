package io.lintel.plugin.filter.requestheader;

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

class RequestHeaderModifierFilterFactoryTest {

    private final RequestHeaderModifierFilterFactory factory = new RequestHeaderModifierFilterFactory();

    @Test
    void isFoundByServiceLoaderAndHandlesTheFilterType() {
        List<LintelPlugin> plugins = ServiceLoaded.plugins(RequestHeaderModifierPlugin.class);

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("request-header-modifier");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("RequestHeaderModifier"));
                assertThat(f.features()).containsExactly(GatewayFeature.HTTPRouteBackendRequestHeaderModification);
            });
        });
    }

    @Test
    void translatesAValidConfiguration() throws Exception {
        FilterSpec spec = factory.translate(filterConfig("requestHeaderModifier", Map.of(
                "set", List.of(Map.of("name", "X-Header-Set", "value", "set-overwrites-values")),
                "add", List.of(Map.of("name", "X-Header-Add", "value", "add-appends-values")),
                "remove", List.of("X-Header-Remove"))));

        assertThat(spec).isEqualTo(new RequestHeaderModifierSpec(new HeaderModification(
                List.of(new Header("X-Header-Set", "set-overwrites-values")),
                List.of(new Header("X-Header-Add", "add-appends-values")),
                List.of("X-Header-Remove"))));
    }

    @Test
    void translationIsAPureFunction() throws Exception {
        Map<String, Object> config = Map.of("remove", List.of("X-A"));
        assertThat(factory.translate(filterConfig("requestHeaderModifier", config)))
                .isEqualTo(factory.translate(filterConfig("requestHeaderModifier", config)))
                .hasSameHashCodeAs(factory.translate(filterConfig("requestHeaderModifier", config)));
    }

    @Test
    void rejectsAnInvalidConfigurationNamingTheField() {
        assertThatThrownBy(() -> factory.translate(filterConfig("requestHeaderModifier", Map.of(
                "add", List.of(Map.of("name", "X-A", "value", "1"), Map.of("name", "X A", "value", "2"))))))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec.rules[0].filters[0].requestHeaderModifier.add[1].name");
                    assertThat(e.reason()).isEqualTo("UnsupportedValue");
                    assertThat(e.getMessage()).contains("not a valid header name");
                });
        assertThatThrownBy(() -> factory.translate(filterConfig("requestHeaderModifier", Map.of(
                "set", List.of(Map.of("name", "X-A", "value", "1")), "remove", List.of("x-a")))))
                .isInstanceOfSatisfying(FilterConfigException.class, e ->
                        assertThat(e.fieldPath()).isEqualTo("spec.rules[0].filters[0].requestHeaderModifier.remove[0]"));
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a RequestHeaderModifierSpec");
    }
}
