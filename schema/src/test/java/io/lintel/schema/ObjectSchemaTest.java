package io.lintel.schema;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectSchemaTest {

    private static final ObjectSchema SCHEMA = object()
            .required("name", string().length(1, 8))
            .optional("port", range(1, 65535))
            .rule((o, path, out) -> out.add(path, "rule ran"));

    private static List<String> check(Schema schema, Object value) {
        Violations out = new Violations("Thing example.io/v1");
        schema.check(value, "spec", out);
        return out.list().stream().map(v -> v.fieldPath() + ": " + v.message()).toList();
    }

    @Test
    void anOpenObjectIgnoresFieldsItDoesNotList() {
        assertThat(check(SCHEMA, Map.of("name", "a", "extra", 1))).containsExactly("spec: rule ran");
    }

    @Test
    void aClosedObjectReportsEachUnknownFieldAsCoreDoesInNameOrderAndSkipsItsRules() {
        assertThat(check(SCHEMA.closed(), Map.of("name", "a", "zeta", 1, "alpha", List.of()))).containsExactly(
                "spec.alpha: unknown field \"alpha\" (not part of Thing example.io/v1)",
                "spec.zeta: unknown field \"zeta\" (not part of Thing example.io/v1)");
    }

    @Test
    void fieldsAreCheckedBeforeRulesWhichRunOnlyOnValidFields() {
        assertThat(check(SCHEMA, Map.of("port", 0))).containsExactly("spec.name: is required",
                "spec.port: 0 is out of range (expected 1-65535)");
        assertThat(check(SCHEMA, "text")).containsExactly("spec: expected an object, got string \"text\"");
    }

    @Test
    void violationsKeepTheirFieldPathsInOrder() {
        Violations out = new Violations("Thing example.io/v1");
        out.add("spec.x", "bad");
        out.add("spec.a", "worse");
        assertThat(out.list()).containsExactly(new Violation("spec.x", "bad"), new Violation("spec.a", "worse"));
        assertThat(Violations.field("", "spec")).isEqualTo("spec");
        assertThat(Violations.index("spec.rules", 2)).isEqualTo("spec.rules[2]");
    }
}
