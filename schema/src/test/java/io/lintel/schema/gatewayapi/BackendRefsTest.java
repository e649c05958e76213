package io.lintel.schema.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendRefsTest {

    private static final Schema REF = BackendRefs.WEIGHTED.rule(BackendRefs::servicePortRequired);

    private static List<String> check(Object value) {
        Violations out = new Violations("TCPRoute gateway.networking.k8s.io/v1");
        REF.check(value, "spec.rules[0].backendRefs[0]", out);
        return out.list().stream().map(v -> v.fieldPath() + ": " + v.message()).toList();
    }

    @Test
    void aServiceNeedsAPortOtherKindsDoNot() {
        assertThat(check(Map.of("name", "svc"))).containsExactly(
                "spec.rules[0].backendRefs[0]: Must have port for Service reference");
        assertThat(check(Map.of("name", "svc", "port", 80, "weight", 2))).isEmpty();
        assertThat(check(Map.of("name", "b", "group", "example.io", "kind", "Bucket"))).isEmpty();
    }

    @Test
    void fieldsAreCheckedBeforeTheRule() {
        assertThat(check(Map.of("name", "", "weight", 1_000_001))).containsExactly(
                "spec.rules[0].backendRefs[0].name: must not be empty",
                "spec.rules[0].backendRefs[0].weight: 1000001 is out of range (expected 0-1000000)");
    }
}
