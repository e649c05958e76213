package io.lintel.plugin.filter.redirect;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestRedirectFilterFactoryTest {

    private static final String BASE = "spec.rules[0].filters[0].requestRedirect";

    private final RequestRedirectFilterFactory factory = new RequestRedirectFilterFactory();

    private RequestRedirectSpec translate(Map<String, Object> config) throws FilterConfigException {
        return factory.translate(filterConfig("requestRedirect", config));
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
        List<LintelPlugin> plugins = ServiceLoaded.plugins(RequestRedirectPlugin.class);

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("request-redirect");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("RequestRedirect"));
                assertThat(f.features()).containsExactlyInAnyOrder(GatewayFeature.HTTPRoutePortRedirect,
                        GatewayFeature.HTTPRouteSchemeRedirect, GatewayFeature.HTTPRoutePathRedirect,
                        GatewayFeature.HTTPRoute303RedirectStatusCode, GatewayFeature.HTTPRoute307RedirectStatusCode,
                        GatewayFeature.HTTPRoute308RedirectStatusCode);
            });
        });
    }

    @Test
    void defaultsToAFoundRedirectThatKeepsEverything() throws Exception {
        assertThat(translate(Map.of())).isEqualTo(new RequestRedirectSpec("", "", 0, PathModifier.NONE, 302));
    }

    @Test
    void translatesEveryField() throws Exception {
        RequestRedirectSpec spec = translate(Map.of(
                "scheme", "https",
                "hostname", "example.org",
                "port", 8443,
                "statusCode", 301,
                "path", Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", "/replacement-prefix")));

        assertThat(spec).isEqualTo(new RequestRedirectSpec("https", "example.org", 8443,
                new PathModifier(PathModifier.Type.REPLACE_PREFIX_MATCH, "/replacement-prefix"), 301));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void acceptsTheRedirectStatusCodes(int status) throws Exception {
        assertThat(translate(Map.of("statusCode", status)).statusCode()).isEqualTo(status);
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertRejected(Map.of("scheme", "ftp"), ".scheme", "unsupported scheme \"ftp\"; expected http or https");
        assertRejected(Map.of("scheme", "HTTPS"), ".scheme", "unsupported scheme");
        assertRejected(Map.of("scheme", ""), ".scheme", "unsupported scheme");
        assertRejected(Map.of("hostname", "*.example.org"), ".hostname", "is not a valid hostname");
        assertRejected(Map.of("hostname", "example.org:8080"), ".hostname", "is not a valid hostname");
        assertRejected(Map.of("hostname", "Example.org"), ".hostname", "is not a valid hostname");
        assertRejected(Map.of("port", 0), ".port", "port 0 is out of range; expected 1 to 65535");
        assertRejected(Map.of("port", 65536), ".port", "out of range");
        assertRejected(Map.of("port", "80"), ".port", "expected an integer");
        assertRejected(Map.of("statusCode", 200), ".statusCode",
                "unsupported status code 200; expected 301, 302, 303, 307 or 308");
        assertRejected(Map.of("path", Map.of("type", "ReplaceFullPath")), ".path.replaceFullPath", "required");
        assertRejected(Map.of("path", "/x"), ".path", "expected an object");
        assertRejected(Map.of("statuscode", 301), ".statuscode", "unknown field");
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {})).isInstanceOf(IllegalArgumentException.class);
    }
}
