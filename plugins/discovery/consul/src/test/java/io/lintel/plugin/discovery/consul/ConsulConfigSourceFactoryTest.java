package io.lintel.plugin.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsulConfigSourceFactoryTest {

    @Test
    void everySettingHasADefault() {
        ConsulSettings settings = ConsulConfigSourceFactory.parse(Map.of());

        assertThat(settings.address()).isEqualTo(URI.create("http://127.0.0.1:8500"));
        assertThat(settings.prefix()).isEqualTo("lintel/");
        assertThat(settings.token()).isEmpty();
        assertThat(settings.stale()).isFalse();
        assertThat(settings.waitTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.minQueryInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.statusPrefix()).isEmpty();
    }

    @Test
    void readsEverySetting() {
        ConsulSettings settings = ConsulConfigSourceFactory.parse(Map.of(
                "address", "https://consul.example:8501/", "prefix", "/gateways/edge", "tokenFile", "/run/token",
                "caFile", "/etc/consul/ca.pem", "stale", "true", "wait", "30s", "minQueryInterval", "250ms",
                "datacenter", "dc2", "statusPrefix", "gateways/status"));

        assertThat(settings.address()).isEqualTo(URI.create("https://consul.example:8501"));
        assertThat(settings.prefix()).isEqualTo("gateways/edge/");
        assertThat(settings.tokenFile()).hasValue(Path.of("/run/token"));
        assertThat(settings.caFile()).hasValue(Path.of("/etc/consul/ca.pem"));
        assertThat(settings.stale()).isTrue();
        assertThat(settings.waitTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.minQueryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.datacenter()).hasValue("dc2");
        assertThat(settings.statusPrefix()).hasValue("gateways/status/");
    }

    @Test
    void invalidSettingsAreNamed() {
        assertInvalid(Map.of("address", "consul:8500"), "'address'");
        assertInvalid(Map.of("address", "http://consul:8500/v1"), "'address'");
        assertInvalid(Map.of("prefix", "/"), "'prefix'");
        assertInvalid(Map.of("token", "a", "tokenFile", "/t"), "'tokenFile'");
        assertInvalid(Map.of("caFile", "/ca.pem"), "'caFile'");
        assertInvalid(Map.of("stale", "yes"), "'stale'");
        assertInvalid(Map.of("wait", "5"), "'wait'");
        assertInvalid(Map.of("wait", "11m"), "'wait'");
        assertInvalid(Map.of("minQueryInterval", "fast"), "'minQueryInterval'");
        assertInvalid(Map.of("statusPrefix", "lintel/status"), "'statusPrefix'");
        assertInvalid(Map.of("adress", "http://127.0.0.1:8500"), "'adress'");
    }

    @Test
    void createsWithoutReachingConsul() {
        ConsulDiscoveryPlugin plugin = new ConsulDiscoveryPlugin();

        assertThat(plugin.name()).isEqualTo("discovery-consul");
        assertThat(plugin.configSources(null)).singleElement().satisfies(factory -> {
            assertThat(factory.type()).isEqualTo("consul");
            try (var source = factory.create(Map.of("address", "http://127.0.0.1:1", "tokenFile", "/no/such/file"), null)) {
                assertThat(source.describe()).contains("not started");
            }
        });
    }

    private static void assertInvalid(Map<String, String> settings, String named) {
        assertThatThrownBy(() -> ConsulConfigSourceFactory.parse(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consul config source: setting " + named)
                .hasMessageContaining("expected");
    }
}
