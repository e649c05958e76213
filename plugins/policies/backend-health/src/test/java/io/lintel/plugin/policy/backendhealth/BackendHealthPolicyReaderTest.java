package io.lintel.plugin.policy.backendhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyConfigException;
import io.lintel.spi.policy.PolicyTargetKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class BackendHealthPolicyReaderTest {

    private final BackendHealthPolicyFactory factory = new BackendHealthPolicyFactory(65_536);

    @Test
    void thePluginIsFoundAndDeclaresItsKind() {
        List<LintelPlugin> plugins = ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof BackendHealthPlugin).toList();
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0).policyKinds()).singleElement().satisfies(kind -> {
            assertThat(kind.group()).isEqualTo("lintel.io");
            assertThat(kind.kind()).isEqualTo("BackendHealthPolicy");
            assertThat(kind.versions()).containsExactly("v1alpha1");
            assertThat(kind.targetKinds()).containsExactly(PolicyTargetKind.SERVICE);
        });
    }

    @Test
    void readsEveryField() throws Exception {
        BackendHealthSpec spec = (BackendHealthSpec) factory.translate(config("""
                http: {path: /healthz, expectedStatuses: [200, 204], interval: 5s, timeout: 500ms,
                       healthyThreshold: 2, unhealthyThreshold: 3}
                """));

        assertThat(spec).isEqualTo(new BackendHealthSpec("/healthz", List.of(200, 204), Duration.ofSeconds(5),
                Duration.ofMillis(500), 2, 3));
    }

    @Test
    void defaultsWhatIsLeftOut() throws Exception {
        assertThat(factory.translate(config("http: {}"))).isEqualTo(new BackendHealthSpec("/", List.of(200),
                Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3));
        // a short interval bounds the default timeout: one check at a time
        assertThat(((BackendHealthSpec) factory.translate(config("http: {interval: 200ms}"))).timeout())
                .isEqualTo(Duration.ofMillis(200));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "extra: 1                                   | spec.extra           | unknown field",
        "# no http                                  | spec.http            | required field is missing",
        "http: {port: 80}                           | spec.http.port       | unknown field",
        "http: {path: healthz}                      | spec.http.path       | is not a request path",
        "http: {path: '/a b'}                       | spec.http.path       | is not a request path",
        "http: {path: 5}                            | spec.http.path       | expected a string",
        "http: {expectedStatuses: []}               | spec.http.expectedStatuses | expected a list of 1 to 16",
        "http: {expectedStatuses: 200}              | spec.http.expectedStatuses | expected a list of 1 to 16",
        "http: {expectedStatuses: [200, 600]}       | spec.http.expectedStatuses[1] | 600 is not an HTTP status code",
        "http: {expectedStatuses: ['200']}          | spec.http.expectedStatuses[0] | 200 is not an HTTP status code",
        "http: {expectedStatuses: [200, 200]}       | spec.http.expectedStatuses[1] | 200 is repeated",
        "http: {interval: 5}                        | spec.http.interval   | expected a string",
        "http: {interval: 5 s}                      | spec.http.interval   | is not a Gateway API duration",
        "http: {interval: 50ms}                     | spec.http.interval   | 50 ms is out of range (expected 100ms to 1h)",
        "http: {interval: 2h}                       | spec.http.interval   | out of range",
        "http: {timeout: 0s}                        | spec.http.timeout    | 0 ms is out of range",
        "http: {interval: 1s, timeout: 2s}          | spec.http.timeout    | at most the interval, 1000 ms",
        "http: {healthyThreshold: 0}                | spec.http.healthyThreshold | 0 is out of range (expected 1-100)",
        "http: {unhealthyThreshold: 101}            | spec.http.unhealthyThreshold | 101 is out of range",
        "http: {unhealthyThreshold: two}            | spec.http.unhealthyThreshold | expected an integer",
    })
    void refusesEachInvalidFieldNamingIt(String yaml, String field, String message) {
        assertThatThrownBy(() -> factory.translate(config(yaml)))
                .isInstanceOfSatisfying(PolicyConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void refusesAPolicyWithoutSpecObject() {
        assertThatThrownBy(() -> factory.translate(new PolicyConfig(KEY, "spec", Map.of("spec", "x"))))
                .isInstanceOfSatisfying(PolicyConfigException.class, e -> assertThat(e.fieldPath()).isEqualTo("spec"));
    }

    private static final ResourceKey KEY = new ResourceKey("lintel.io", "BackendHealthPolicy", "shop", "health");

    @SuppressWarnings("unchecked")
    private static PolicyConfig config(String specYaml) {
        Map<String, Object> spec = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString("targetRefs: [{group: '', kind: Service, name: shop}]\n" + specYaml);
        return new PolicyConfig(KEY, "spec", Map.of("apiVersion", "lintel.io/v1alpha1", "kind", "BackendHealthPolicy",
                "spec", spec));
    }
}
