package io.lintel.plugin.filter.cors;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.testing.FilterConfigAssertions;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsFilterFactoryTest {

    private final CorsFilterFactory factory = new CorsFilterFactory();

    private CorsSpec translate(Map<String, Object> config) throws FilterConfigException {
        return factory.translate(filterConfig("cors", config));
    }

    private void assertRejected(Map<String, Object> config, String at, String message) {
        FilterConfigAssertions.assertRejected(factory, "cors", config, at, message);
    }

    @Test
    void isFoundByServiceLoaderAndDeclaresItsFeature() {
        assertThat(ServiceLoaded.plugins(CorsPlugin.class)).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("cors");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("CORS"));
                assertThat(f.features()).containsExactly(GatewayFeature.HTTPRouteCORS);
            });
        });
    }

    @Test
    void defaultsToNoOriginsNoCredentialsAndFiveSeconds() throws Exception {
        assertThat(translate(Map.of()))
                .isEqualTo(new CorsSpec(List.of(), false, List.of(), List.of(), List.of(), 5));
    }

    @Test
    void readsEveryField() throws Exception {
        CorsSpec spec = translate(Map.of(
                "allowOrigins", List.of("https://www.foo.com", "https://*.bar.com"),
                "allowCredentials", true,
                "allowMethods", List.of("GET", "OPTIONS"),
                "allowHeaders", List.of("x-header-1", "X-Header-2"),
                "exposeHeaders", List.of("x-header-3"),
                "maxAge", 3600));

        assertThat(spec.allowOrigins()).extracting(OriginPattern::text)
                .containsExactly("https://www.foo.com", "https://*.bar.com");
        assertThat(spec.allowCredentials()).isTrue();
        assertThat(spec.allowMethods()).containsExactly("GET", "OPTIONS");
        assertThat(spec.allowHeaders()).containsExactly("x-header-1", "X-Header-2");
        assertThat(spec.exposeHeaders()).containsExactly("x-header-3");
        assertThat(spec.maxAgeSeconds()).isEqualTo(3600);
        assertThat(spec.anyOrigin()).isFalse();
        assertThat(translate(Map.of("allowOrigins", List.of("*"))).anyOrigin()).isTrue();
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertRejected(Map.of("allowOrigins", List.of("https://a.com", "ftp://b.com")), ".allowOrigins[1]",
                "\"ftp://b.com\" is not an origin; expected \"*\" or <scheme>://<host>[:<port>]");
        assertRejected(Map.of("allowOrigins", List.of("https://www.*.com")), ".allowOrigins[0]",
                "has an invalid host \"www.*.com\"");
        assertRejected(Map.of("allowOrigins", List.of("*", "https://a.com")), ".allowOrigins",
                "allowOrigins cannot contain \"*\" alongside other origins");
        assertRejected(Map.of("allowOrigins", List.of("https://a.com", "https://a.com")), ".allowOrigins[1]",
                "duplicate entry \"https://a.com\"");
        assertRejected(Map.of("allowOrigins", Collections.nCopies(65, "*")), ".allowOrigins",
                "65 entries are too many; expected at most 64");
        assertRejected(Map.of("allowOrigins", "https://a.com"), ".allowOrigins", "expected a list");
        assertRejected(Map.of("allowMethods", List.of("get")), ".allowMethods[0]", "unsupported method \"get\"");
        assertRejected(Map.of("allowMethods", List.of("GET", "*")), ".allowMethods",
                "allowMethods cannot contain \"*\" alongside other methods");
        assertRejected(Map.of("allowHeaders", List.of("x-a", "X-A")), ".allowHeaders[1]", "duplicate entry \"X-A\"");
        assertRejected(Map.of("allowHeaders", List.of("bad header")), ".allowHeaders[0]",
                "\"bad header\" is not a valid header name");
        assertRejected(Map.of("exposeHeaders", List.of("x:y")), ".exposeHeaders[0]", "is not a valid header name");
        assertRejected(Map.of("exposeHeaders", List.of("x".repeat(257))), ".exposeHeaders[0]",
                "is not a valid header name");
        assertRejected(Map.of("allowCredentials", "true"), ".allowCredentials", "expected a boolean");
        assertRejected(Map.of("maxAge", 0), ".maxAge", "maxAge 0 is out of range; expected at least 1");
        assertRejected(Map.of("maxAge", "5"), ".maxAge", "expected an integer");
        assertRejected(Map.of("allowOrigin", List.of("*")), ".allowOrigin", "unknown field");
    }

    @Test
    void createRejectsAForeignSpec() {
        assertThatThrownBy(() -> factory.create(new FilterSpec() {})).isInstanceOf(IllegalArgumentException.class);
    }
}
