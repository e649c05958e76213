package io.lintel.plugin.filter.extauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.testing.Configs;
import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalAuthFilterFactoryTest {

    private static final String AT = "spec.rules[0].filters[0].externalAuth";
    private static final FilterBackend BACKEND = new FilterBackend(AT + ".backendRef", "default/auth:9000", true);
    private static final Map<String, Object> REF = Map.of("name", "auth", "port", 9000);

    private final ExternalAuthFilterFactory factory = new ExternalAuthFilterFactory(
            new ExternalAuthSettings(Duration.ofSeconds(1), 1024), Clock.systemUTC());

    @Test
    void isFoundByServiceLoaderWithItsBackendRefFieldAndNoFeature() {
        List<LintelPlugin> plugins = ServiceLoaded.plugins(ExternalAuthPlugin.class);

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("external-auth");
            assertThat(plugin.filterFactories(null)).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.filterType("ExternalAuth"));
                // Gateway API v1.6.1 names no feature for this experimental filter: none is invented
                assertThat(f.features()).isEmpty();
                assertThat(f.backendRefFields()).containsExactly("backendRef");
            });
        });
    }

    @Test
    void theDefaultsAreThoseDeclaredAndTheContextsValuesWin() {
        ExternalAuthSettings defaults = ExternalAuthSettings.DEFAULTS;
        ExternalAuthSettings set = ExternalAuthSettings.of(Map.of("externalAuth.timeoutMillis", "250"));

        assertThat(defaults.timeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(defaults.maxAnswerBytes()).isEqualTo(65536);
        assertThat(set.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.maxAnswerBytes()).isEqualTo(65536);
    }

    @Test
    void readsAnHttpCheckWithItsPathHeaderListsAndBodyBound() throws Exception {
        ExternalAuthSpec spec = factory.translate(config(Map.of("protocol", "HTTP", "backendRef", REF,
                "http", Map.of("path", "/check/", "allowedHeaders", List.of("X-Tenant"),
                        "allowedResponseHeaders", List.of("X-User", "x-roles")),
                "forwardBody", Map.of("maxSize", 512))));

        assertThat(spec).isEqualTo(new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, BACKEND, "/check", List.of("x-tenant"),
                List.of("x-user", "x-roles"), 512));
    }

    @Test
    void aMinimalCheckHasNoPrefixNoExtraHeadersAndNoBody() throws Exception {
        assertThat(factory.translate(config(Map.of("protocol", "HTTP", "backendRef", REF))))
                .isEqualTo(new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, BACKEND, "", List.of(), List.of(), 0));
    }

    @Test
    void readsAGrpcCheckWithItsHeaderList() throws Exception {
        assertThat(factory.translate(config(Map.of("protocol", "GRPC", "backendRef", REF,
                "grpc", Map.of("allowedHeaders", List.of("Authorization", "X-Tenant"))))))
                .isEqualTo(new ExternalAuthSpec(ExternalAuthSpec.Protocol.GRPC, BACKEND, "",
                        List.of("authorization", "x-tenant"), List.of(), 0));
    }

    @Test
    void refusesWhatItCannotHonourNamingTheField() {
        assertRefused(Map.of("backendRef", REF), AT + ".protocol", "required field is missing");
        assertRefused(Map.of("protocol", "SOAP", "backendRef", REF), AT + ".protocol", "must be HTTP or GRPC");
        assertRefused(Map.of("protocol", "GRPC", "backendRef", REF, "http", Map.of()), AT + ".http",
                "must not be set when protocol is GRPC");
        assertRefused(Map.of("protocol", "GRPC", "backendRef", REF, "grpc", Map.of("path", "/x")), AT + ".grpc.path",
                "unknown field");
        assertRefused(Map.of("protocol", "HTTP", "backendRef", REF, "grpc", Map.of()), AT + ".grpc",
                "must not be set");
        assertRefused(Map.of("protocol", "HTTP", "backendRef", REF, "http", Map.of("path", "check")),
                AT + ".http.path", "absolute path");
        assertRefused(Map.of("protocol", "HTTP", "backendRef", REF, "http", Map.of("allowedHeaders", List.of("a b"))),
                AT + ".http.allowedHeaders[0]", "not a header name");
        assertRefused(Map.of("protocol", "HTTP", "backendRef", REF, "forwardBody", Map.of("maxSize", 70000)),
                AT + ".forwardBody.maxSize", "from 0 to 65535");
        assertRefused(Map.of("protocol", "HTTP", "backendRef", REF, "timeout", "1s"), AT + ".timeout",
                "unknown field");
        Map<String, Object> noRef = new LinkedHashMap<>(Map.of("protocol", "HTTP"));
        assertThatThrownBy(() -> factory.translate(Configs.filterConfig("externalAuth", noRef)))
                .isInstanceOf(FilterConfigException.class).hasMessageContaining("required field is missing");
    }

    private void assertRefused(Map<String, Object> value, String path, String message) {
        assertThatThrownBy(() -> factory.translate(config(value)))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(path);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static FilterConfig config(Map<String, Object> value) {
        FilterConfig plain = Configs.filterConfig("externalAuth", value);
        return new FilterConfig(plain.route(), plain.fieldPath(), plain.value(), Map.of("backendRef", BACKEND));
    }
}
