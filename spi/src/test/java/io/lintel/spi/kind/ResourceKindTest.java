package io.lintel.spi.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceKindTest {

    private static final ResourceKind TLS_ROUTE = ResourceKind.of("gateway.networking.k8s.io", "TLSRoute", "v1",
            "v1alpha3", "v1alpha2");

    @Test
    void readsTheApiVersionsOfItsGroupAndVersionsOnly() {
        assertThat(TLS_ROUTE.reads("gateway.networking.k8s.io/v1")).isTrue();
        assertThat(TLS_ROUTE.reads("gateway.networking.k8s.io/v1alpha2")).isTrue();
        assertThat(TLS_ROUTE.reads("gateway.networking.k8s.io/v1beta1")).isFalse();
        assertThat(TLS_ROUTE.reads("example.io/v1")).isFalse();
        assertThat(TLS_ROUTE.apiVersion("v1alpha3")).isEqualTo("gateway.networking.k8s.io/v1alpha3");
        assertThat(TLS_ROUTE).hasToString("gateway.networking.k8s.io/TLSRoute");
    }

    @Test
    void theCoreGroupHasNoPrefix() {
        ResourceKind kind = ResourceKind.of("", "Widget", "v1");

        assertThat(kind.apiVersion("v1")).isEqualTo("v1");
        assertThat(kind.reads("v1")).isTrue();
        assertThat(kind).hasToString("Widget");
    }

    @Test
    void aKindNeedsANameAndAVersion() {
        assertThatThrownBy(() -> ResourceKind.of("example.io", "", "v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceKind.of("example.io", "Widget"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("versions of Widget");
    }

    @Test
    void descriptionsAreValuesWithTheCrdDefaultsAtHand() {
        assertThat(ParentRef.gateway("gw")).isEqualTo(new ParentRef("gateway.networking.k8s.io", "Gateway",
                Optional.empty(), "gw", Optional.empty(), Optional.empty()));
        assertThat(BackendRef.service("svc", 80)).isEqualTo(new BackendRef("", "Service", Optional.empty(), "svc",
                Optional.of(80), 1));
        assertThatThrownBy(() -> new BackendRef("", "Service", Optional.empty(), "svc", Optional.of(80), -1))
                .isInstanceOf(IllegalArgumentException.class);
        StreamRoute route = new StreamRoute(new java.util.ArrayList<>(List.of(ParentRef.gateway("gw"))), List.of(),
                List.of(new StreamRouteRule(Optional.empty(), List.of(BackendRef.service("svc", 80)))));
        assertThat(route.parentRefs()).isUnmodifiable();
    }
}
