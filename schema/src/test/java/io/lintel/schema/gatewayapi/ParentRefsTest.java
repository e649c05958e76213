package io.lintel.schema.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParentRefsTest {

    private static List<String> check(Schema schema, Object value) {
        Violations out = new Violations("TCPRoute gateway.networking.k8s.io/v1");
        schema.check(value, "spec.parentRefs", out);
        return out.list().stream().map(v -> v.fieldPath() + ": " + v.message()).toList();
    }

    @Test
    void aParentNamedTwiceNeedsADistinctSectionNameOrPortEach() {
        List<Map<String, Object>> refs = List.of(Map.of("name", "gw"), Map.of("name", "gw", "sectionName", "a"),
                Map.of("name", "gw", "group", "gateway.networking.k8s.io", "kind", "Gateway", "sectionName", "a"));
        assertThat(check(ParentRefs.list(ParentRefs.REF), refs)).containsExactly(
                "spec.parentRefs[0]: sectionName or port must be specified when parentRefs includes 2 or more references"
                        + " to the same parent",
                "spec.parentRefs[2]: sectionName or port must be unique when parentRefs includes 2 or more references"
                        + " to the same parent");
        assertThat(check(ParentRefs.list(ParentRefs.REF), List.of(Map.of("name", "gw"), Map.of("name", "other"))))
                .isEmpty();
    }

    @Test
    void theReferenceIsOpenUntilAKindClosesIt() {
        List<Map<String, Object>> refs = List.of(Map.of("name", "gw", "extra", 1));
        assertThat(check(ParentRefs.list(ParentRefs.REF), refs)).isEmpty();
        assertThat(check(ParentRefs.list(ParentRefs.REF.closed()), refs)).containsExactly(
                "spec.parentRefs[0].extra: unknown field \"extra\" (not part of TCPRoute gateway.networking.k8s.io/v1)");
    }
}
