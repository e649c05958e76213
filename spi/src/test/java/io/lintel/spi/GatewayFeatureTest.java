package io.lintel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feature names are values: a name core does not know is as good as a constant, and equal names are one feature. */
class GatewayFeatureTest {

    @Test
    void aFeatureMadeFromItsNameEqualsTheConstant() {
        assertThat(GatewayFeature.of("HTTPRouteRetry")).isEqualTo(GatewayFeature.HTTPRouteRetry)
                .hasSameHashCodeAs(GatewayFeature.HTTPRouteRetry);
        assertThat(GatewayFeature.HTTPRouteRetry.name()).isEqualTo("HTTPRouteRetry");
        assertThat(new HashSet<>(List.of(GatewayFeature.HTTPRoute, GatewayFeature.of("HTTPRoute")))).hasSize(1);
    }

    @Test
    void aPluginMayNameAFeatureCoreDoesNotKnow() {
        GatewayFeature future = GatewayFeature.of("HTTPRouteSomethingNew");
        assertThat(future.name()).isEqualTo("HTTPRouteSomethingNew");
        assertThat(future).isNotEqualTo(GatewayFeature.HTTPRoute);
        assertThat(future.compareTo(GatewayFeature.HTTPRoute)).isPositive();
    }

    @Test
    void aNameIsLettersAndDigits() {
        assertThatThrownBy(() -> GatewayFeature.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayFeature.of("HTTP Route")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"HTTP Route\"");
    }
}
