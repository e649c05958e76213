package io.lintel.plugin.filter.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.testing.Configs;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import java.util.List;
import java.util.Map;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import org.junit.jupiter.api.Test;

class RequestMirrorFilterFactoryTest {

    private static final String AT = "spec.rules[0].filters[0].requestMirror";
    private static final FilterBackend BACKEND = new FilterBackend(AT + ".backendRef", "default/mirror:8080", true);
    private static final Map<String, Object> REF = Map.of("name", "mirror", "port", 8080);

    private final RequestMirrorFilterFactory factory = new RequestMirrorFilterFactory();

    @Test
    void isFoundByServiceLoaderWithItsFeaturesAndBackendRefField() {
        List<LintelPlugin> plugins = ServiceLoaded.plugins(RequestMirrorPlugin.class);

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("request-mirror");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("RequestMirror"));
                assertThat(f.features()).containsExactlyInAnyOrder(GatewayFeature.HTTPRouteRequestMirror,
                        GatewayFeature.HTTPRouteRequestMultipleMirrors, GatewayFeature.HTTPRouteRequestPercentageMirror);
                assertThat(f.backendRefFields()).containsExactly("backendRef");
            });
        });
    }

    @Test
    void mirrorsEveryRequestByDefault() throws Exception {
        assertThat(factory.translate(config(Map.of("backendRef", REF)))).isEqualTo(new RequestMirrorSpec(BACKEND, 1, 1));
    }

    @Test
    void readsPercentAndFraction() throws Exception {
        assertThat(factory.translate(config(Map.of("backendRef", REF, "percent", 20))))
                .isEqualTo(new RequestMirrorSpec(BACKEND, 20, 100));
        assertThat(factory.translate(config(Map.of("backendRef", REF, "fraction", Map.of("numerator", 25, "denominator", 50)))))
                .isEqualTo(new RequestMirrorSpec(BACKEND, 25, 50));
        assertThat(factory.translate(config(Map.of("backendRef", REF, "fraction", Map.of("numerator", 5)))))
                .isEqualTo(new RequestMirrorSpec(BACKEND, 5, 100));
    }

    @Test
    void keepsAnUnresolvedBackendSoThatTheFilterDropsIt() throws Exception {
        FilterBackend unresolved = new FilterBackend(AT + ".backendRef", "default/missing:8080", false);
        FilterConfig config = new FilterConfig(Configs.route(), AT, Map.of("backendRef", REF), Map.of("backendRef", unresolved));

        assertThat(factory.translate(config)).isEqualTo(new RequestMirrorSpec(unresolved, 1, 1));
    }

    @Test
    void rejectsInvalidConfigurationsNamingTheField() {
        assertRejected(Map.of(), AT + ".backendRef", "required field is missing");
        assertRejected(Map.of("backendRef", REF, "percent", 101), AT + ".percent", "must be from 0 to 100");
        assertRejected(Map.of("backendRef", REF, "percent", 10, "fraction", Map.of("numerator", 1)), AT,
                "only one of percent or fraction");
        assertRejected(Map.of("backendRef", REF, "fraction", Map.of("numerator", 3, "denominator", 2)), AT + ".fraction",
                "numerator must be less than or equal to denominator");
        assertRejected(Map.of("backendRef", REF, "fraction", Map.of("numerator", 1, "denominator", 0)),
                AT + ".fraction.denominator", "must be at least 1");
        assertRejected(Map.of("backendRef", REF, "fraction", Map.of("denominator", 10)), AT + ".fraction.numerator",
                "required field is missing");
        assertRejected(Map.of("backendRef", REF, "percentage", 10), AT + ".percentage", "unknown field");
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a RequestMirrorSpec");
    }

    private void assertRejected(Map<String, Object> value, String field, String message) {
        FilterConfig config = value.containsKey("backendRef") ? config(value)
                : new FilterConfig(Configs.route(), AT, value);
        assertThatThrownBy(() -> factory.translate(config))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(field);
                    assertThat(e.reason()).isEqualTo("UnsupportedValue");
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static FilterConfig config(Map<String, Object> value) {
        return new FilterConfig(Configs.route(), AT, value, Map.of("backendRef", BACKEND));
    }
}
