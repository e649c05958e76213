package io.lintel.plugin.filter.urlrewrite;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.PathModifier;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import java.util.List;
import java.util.Map;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import org.junit.jupiter.api.Test;

class UrlRewriteFilterFactoryTest {

    private static final String BASE = "spec.rules[0].filters[0].urlRewrite";

    private final UrlRewriteFilterFactory factory = new UrlRewriteFilterFactory();

    private UrlRewriteSpec translate(Map<String, Object> config) throws FilterConfigException {
        return factory.translate(filterConfig("urlRewrite", config));
    }

    private void assertRejected(Map<String, Object> config, String field, String message) {
        assertThatThrownBy(() -> translate(config)).isInstanceOfSatisfying(FilterConfigException.class, e -> {
            assertThat(e.fieldPath()).isEqualTo(BASE + field);
            assertThat(e.reason()).isEqualTo("UnsupportedValue");
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void isFoundByServiceLoaderAndDeclaresItsFeatures() {
        List<LintelPlugin> plugins = ServiceLoaded.plugins(UrlRewritePlugin.class);

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("url-rewrite");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("URLRewrite"));
                assertThat(f.features()).containsExactlyInAnyOrder(GatewayFeature.HTTPRouteHostRewrite,
                        GatewayFeature.HTTPRoutePathRewrite);
            });
        });
    }

    @Test
    void translatesValidConfigurations() throws Exception {
        assertThat(translate(Map.of())).isEqualTo(new UrlRewriteSpec("", PathModifier.NONE));
        assertThat(translate(Map.of("hostname", "one.example.org")))
                .isEqualTo(new UrlRewriteSpec("one.example.org", PathModifier.NONE));
        assertThat(translate(Map.of("path", Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", "/"))))
                .isEqualTo(new UrlRewriteSpec("", new PathModifier(PathModifier.Type.REPLACE_PREFIX_MATCH, "/")));
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertRejected(Map.of("hostname", "*.example.org"), ".hostname", "is not a valid hostname");
        assertRejected(Map.of("hostname", "example.org:80"), ".hostname", "is not a valid hostname");
        assertRejected(Map.of("hostname", 5), ".hostname", "expected a string");
        assertRejected(Map.of("path", Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", "no-slash")),
                ".path.replacePrefixMatch", "is not a valid path");
        assertRejected(Map.of("path", Map.of("type", "Regex")), ".path.type", "unsupported path modifier type");
        assertRejected(Map.of("host", "a"), ".host", "unknown field; expected one of hostname, path");
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {})).isInstanceOf(IllegalArgumentException.class);
    }
}
