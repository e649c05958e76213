package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.discovery.kubernetes.KubernetesSourceSettings.GroupKind;
import io.lintel.plugin.discovery.kubernetes.KubernetesSourceSettings.Mode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesSourceSettingsTest {

    @Test
    void defaults() {
        KubernetesSourceSettings settings = KubernetesSourceSettings.parse(Map.of());

        assertThat(settings.namespace()).isEmpty();
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.writeStatus()).isTrue();
        assertThat(settings.leaseName()).isEqualTo("lintel-leader");
        assertThat(settings.mode()).isEqualTo(Mode.SHARED);
        assertThat(settings.serviceType()).isEqualTo("LoadBalancer");
        assertThat(settings.controllerName()).isEqualTo("lintel.io/gateway-controller");
        assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void readsEverySetting() {
        KubernetesSourceSettings settings = KubernetesSourceSettings.parse(Map.of(
                "namespace", "apps", "mode", "provisioner", "serviceType", "NodePort", "gateway", "apps/gw",
                "extensionKinds", "example.com/RateLimit, example.com/v1/Auth", "leaderElection", "false"));

        assertThat(settings.namespace()).contains("apps");
        assertThat(settings.mode()).isEqualTo(Mode.PROVISIONER);
        assertThat(settings.serviceType()).isEqualTo("NodePort");
        assertThat(settings.gateway()).hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("apps/gw"));
        assertThat(settings.extensionKinds()).containsExactly(new GroupKind("example.com", "", "RateLimit"),
                new GroupKind("example.com", "v1", "Auth"));
        assertThat(settings.leaderElection()).isFalse();
    }

    @Test
    void rejectsWhatItCannotUseNamingTheSetting() {
        assertThatThrownBy(() -> KubernetesSourceSettings.parse(Map.of("mode", "per-gateway")))
                .hasMessage("kubernetes config source: setting 'mode': per-gateway (expected: shared or provisioner)");
        assertThatThrownBy(() -> KubernetesSourceSettings.parse(Map.of("serviceType", "External")))
                .hasMessageContaining("setting 'serviceType': External");
        assertThatThrownBy(() -> KubernetesSourceSettings.parse(Map.of("gateway", "gw")))
                .hasMessageContaining("(expected: namespace/name)");
        assertThatThrownBy(() -> KubernetesSourceSettings.parse(Map.of("namspace", "apps")))
                .hasMessageContaining("setting 'namspace'");
        assertThatThrownBy(() -> KubernetesSourceSettings.parse(Map.of("leaseDurationMillis", "1000", "renewDeadlineMillis", "2000")))
                .hasMessageContaining("lease duration > renew deadline > 1.2 x retry period");
    }
}
