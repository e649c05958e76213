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

    @Test
    void compactConditionsKeepTheirEarlierTimeAndUnchangedSubtreesAreShared() {
        Map<String, Object> parent = Map.of("name", "gw");
        ResourceStatus before = route(parent, List.of(new Condition("Accepted", "True", "Accepted", "ok", 1, "t1"),
                new Condition("ResolvedRefs", "True", "ResolvedRefs", "ok", 1, "t1")));
        Map<String, Object> sameParent = Map.of("name", "gw");
        ResourceStatus now = route(sameParent, List.of(new Condition("Accepted", "True", "Accepted", "ok", 1, "t2"),
                new Condition("ResolvedRefs", "False", "BackendNotFound", "gone", 1, "t2")));

        ResourceStatus merged = ConditionTimestamps.carryOver(before, now);

        assertThat(conditionsOf(merged)).extracting(c -> c.get("lastTransitionTime")).containsExactly("t1", "t2");
        assertThat(conditionsOf(merged).get(0)).isInstanceOf(Condition.class);
        assertThat(conditionsOf(merged).get(1)).isSameAs(conditionsOf(now).get(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> mergedParent = ((List<Map<String, Object>>) merged.status().get("parents")).get(0);
        assertThat(mergedParent.get("parentRef")).isSameAs(sameParent);
    }

    @Test
    void aStatusWhoseTimesAllMatchIsTheTranslatedInstance() {
        ResourceStatus before = route(Map.of("name", "gw"), List.of(new Condition("Accepted", "True", "A", "m", 1, "t1")));
        ResourceStatus now = route(Map.of("name", "gw"), List.of(new Condition("Accepted", "True", "A", "m", 1, "t1")));

        assertThat(ConditionTimestamps.carryOver(before, now)).isSameAs(now);
    }

    @Test
    void aConditionIsTheKubernetesMapInItsOrder() {
        Condition condition = new Condition("Accepted", "True", "Accepted", "fine", 3, "t1");
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("type", "Accepted");
        expected.put("status", "True");
        expected.put("reason", "Accepted");
        expected.put("message", "fine");
        expected.put("observedGeneration", 3L);
        expected.put("lastTransitionTime", "t1");

        assertThat(condition).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(List.copyOf(condition.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(condition.withLastTransitionTime("t0")).containsEntry("lastTransitionTime", "t0")
                .containsEntry("observedGeneration", 3L);
        assertThat(condition.get("missing")).isNull();
    }
}
