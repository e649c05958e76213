package io.lintel.plugin.filter.example.headeraccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.RuleRef;
import io.lintel.testkit.FakePluginContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HeaderAccessFilterFactoryTest {

    private static final String AT = "spec.rules[0].filters[0].extensionRef";

    private static final PluginContext CONTEXT = FakePluginContext.of("example-header-access");

    private final HeaderAccessFilterFactory factory = new HeaderAccessFilterFactory();

    @Test
    void isFoundByServiceLoaderAndOwnsTheExtensionRefKind() {
        List<LintelPlugin> plugins = ServiceLoader.load(LintelPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(plugin -> plugin instanceof HeaderAccessPlugin)
                .toList();

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("example-header-access");
            assertThat(plugin.filterFactories(CONTEXT)).extracting(f -> f.key()).containsExactly(
                    FilterKey.extensionRef("example.lintel.io", "HeaderAccessRule"),
                    FilterKey.extensionRef("example.lintel.io", "WebhookSignatureRule"));
            assertThat(plugin.filterFactories(CONTEXT)).allSatisfy(f -> assertThat(f.features()).isEmpty());
        });
    }

    @Test
    void translatesTheWholeObjectWithDefaults() throws Exception {
        FilterSpec spec = factory.translate(config(Map.of("header", "X-Api-Key", "allowedValues", List.of("k-1", "k-2"))));

        assertThat(spec).isEqualTo(new HeaderAccessSpec("X-Api-Key", List.of("k-1", "k-2"), 403, "forbidden\n", false));
    }

    @Test
    void translatesEveryField() throws Exception {
        FilterSpec spec = factory.translate(config(Map.of("header", "x-team", "allowedValues", List.of("blue"),
                "deniedStatus", 401, "deniedMessage", "who are you?", "removeHeader", true)));

        assertThat(spec).isEqualTo(new HeaderAccessSpec("x-team", List.of("blue"), 401, "who are you?", true));
    }

    @Test
    void rejectsInvalidObjectsNamingTheObjectAndField() {
        assertRejected(Map.of("allowedValues", List.of("a")), "HeaderAccessRule default/api-key: spec.header must be a header name");
        assertRejected(Map.of("header", "X A", "allowedValues", List.of("a")), "spec.header must be a header name, got X A");
        assertRejected(Map.of("header", "X-A", "allowedValues", List.of()), "spec.allowedValues must list at least one value");
        assertRejected(Map.of("header", "X-A", "allowedValues", List.of(1)), "spec.allowedValues[0] must be a string");
        assertRejected(Map.of("header", "X-A", "allowedValues", List.of("a"), "deniedStatus", 302),
                "spec.deniedStatus must be an integer from 400 to 599, got 302");
        assertRejected(Map.of("header", "X-A", "allowedValues", List.of("a"), "removeHeader", "yes"),
                "spec.removeHeader must be true or false");
        assertRejected(Map.of("header", "X-A", "allowedValues", List.of("a"), "allow", List.of("b")),
                "spec.allow is not a field of HeaderAccessRule (expected one of allowedValues, deniedMessage,");
    }

    @Test
    void rejectsAnObjectWithoutSpec() {
        Map<String, Object> object = new LinkedHashMap<>(object(Map.of()));
        object.remove("spec");

        assertThatThrownBy(() -> factory.translate(new FilterConfig(route(), AT, object)))
                .isInstanceOfSatisfying(FilterConfigException.class,
                        e -> assertThat(e.getMessage()).contains("spec is required"));
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {}, new RuleRef("HTTPRoute", "default", "r", 0, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a HeaderAccessSpec");
    }

    private void assertRejected(Map<String, Object> spec, String message) {
        assertThatThrownBy(() -> factory.translate(config(spec)))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(AT);
                    assertThat(e.reason()).isEqualTo("UnsupportedValue");
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static FilterConfig config(Map<String, Object> spec) {
        return new FilterConfig(route(), AT, object(spec));
    }

    private static Map<String, Object> object(Map<String, Object> spec) {
        return Map.of("apiVersion", "example.lintel.io/v1alpha1", "kind", "HeaderAccessRule",
                "metadata", Map.of("name", "api-key", "namespace", "default"), "spec", spec);
    }

    private static ResourceKey route() {
        return new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "route");
    }
}
