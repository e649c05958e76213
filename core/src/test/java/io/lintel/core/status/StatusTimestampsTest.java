package io.lintel.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTimestampsTest {

    private static final ResourceKey ROUTE = new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "ns", "r");

    private static ResourceStatus route(String status, String time) {
        return new ResourceStatus(ROUTE, "gateway.networking.k8s.io/v1", 1, Map.of("conditions", List.of(
                Map.of("type", "Accepted", "status", status, "reason", "R" + status, "lastTransitionTime", time))));
    }

    private static Object time(ResourceStatus status) {
        return ((Map<?, ?>) ((List<?>) status.status().get("conditions")).get(0)).get("lastTransitionTime");
    }

    @Test
    void theSameTranslatedInstanceGivesTheSameStableInstance() {
        StatusTimestamps timestamps = new StatusTimestamps();
        ResourceStatus translated = route("True", "t1");
        ResourceStatus first = timestamps.stabilise(List.of(translated)).get(0);

        assertThat(timestamps.stabilise(List.of(translated)).get(0)).isSameAs(first);
    }

    @Test
    void aNewInstanceKeepsTheTimesOfUnchangedConditionsAndTakesNewOnesOfChangedOnes() {
        StatusTimestamps timestamps = new StatusTimestamps();
        timestamps.stabilise(List.of(route("True", "t1")));

        assertThat(time(timestamps.stabilise(List.of(route("True", "t2"))).get(0))).isEqualTo("t1");
        assertThat(time(timestamps.stabilise(List.of(route("False", "t3"))).get(0))).isEqualTo("t3");
    }

    @Test
    void aResourceThatWentAwayStartsAfreshWhenItComesBack() {
        StatusTimestamps timestamps = new StatusTimestamps();
        timestamps.stabilise(List.of(route("True", "t1")));
        timestamps.stabilise(List.of());

        assertThat(time(timestamps.stabilise(List.of(route("True", "t2"))).get(0))).isEqualTo("t2");
    }
}
