package io.lintel.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTimestampsTest {

    private static final ResourceKey ROUTE = new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "ns", "r");

    private static Map<String, Object> condition(String type, String status, String reason, String time) {
        return Map.of("type", type, "status", status, "reason", reason, "lastTransitionTime", time);
    }

    private static ResourceStatus route(Map<String, Object> parentRef, List<Map<String, Object>> conditions) {
        return new ResourceStatus(ROUTE, "gateway.networking.k8s.io/v1", 1,
                Map.of("parents", List.of(Map.of("parentRef", parentRef, "conditions", conditions))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditionsOf(ResourceStatus status) {
        List<Map<String, Object>> parents = (List<Map<String, Object>>) status.status().get("parents");
        return (List<Map<String, Object>>) parents.get(0).get("conditions");
    }

    @Test
    void keepsTheTimeOfUnchangedConditionsAndTakesTheNewTimeOfChangedOnes() {
        Map<String, Object> parent = Map.of("name", "gw");
        ResourceStatus before = route(parent, List.of(
                condition("Accepted", "True", "Accepted", "t1"),
                condition("ResolvedRefs", "True", "ResolvedRefs", "t1")));
        ResourceStatus now = route(parent, List.of(
                condition("Accepted", "True", "Accepted", "t2"),
                condition("ResolvedRefs", "False", "BackendNotFound", "t2")));

        List<ResourceStatus> merged = ConditionTimestamps.carryOver(List.of(before), List.of(now));

        assertThat(conditionsOf(merged.get(0))).extracting(c -> c.get("lastTransitionTime")).containsExactly("t1", "t2");
    }

    @Test
    void pairsListItemsByTheirIdentityNotTheirPosition() {
        ResourceStatus before = route(Map.of("name", "other"), List.of(condition("Accepted", "True", "Accepted", "t1")));
        ResourceStatus now = route(Map.of("name", "gw"), List.of(condition("Accepted", "True", "Accepted", "t2")));

        List<ResourceStatus> merged = ConditionTimestamps.carryOver(List.of(before), List.of(now));

        assertThat(conditionsOf(merged.get(0)).get(0)).containsEntry("lastTransitionTime", "t2");
    }

    @Test
    void aNewResourceKeepsItsTimes() {
        ResourceStatus now = route(Map.of("name", "gw"), List.of(condition("Accepted", "True", "Accepted", "t2")));

        assertThat(ConditionTimestamps.carryOver(List.of(), List.of(now))).containsExactly(now);
    }
}
