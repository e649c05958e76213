package io.lintel.plugin.discovery.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.schema.CoreSchema;

class QuickCoreSchemaTest {

    private final QuickCoreSchema quick = new QuickCoreSchema();
    private final CoreSchema core = new CoreSchema();

    @Test
    void resolvesEveryScalarAsTheCoreSchemaDoes() {
        List<String> values = new ArrayList<>(List.of("", " ", "~", "null", "Null", "NULL", "true", "False", "TRUE",
                "0", "-12", "+7", "0o17", "0x1F", "0xdeadbeef", "1.5", "-1.5e+10", "6.02E23", ".5", "+.inf", "-.Inf",
                ".NaN", "123456789", "1234567890123456789012", "0x0123456789abcdefABCDEF", "1e10000", "12:30",
                "namespace", "gateway.networking.k8s.io/v1", "HTTPRoute", "${HOME}", "${HOME:-x}", "1_000",
                "deadbeef", "0xabcdefg", "127.0.0.1", "2001:db8::1", "1.2.3", "+-.", "Infinity", "nullable",
                "truely", "0o8", "nul", "nulll", "tru", "TRUe", "fals", "FALSE", "False", "f", "n", "t", "N", "-0x1F", "abcdef", "ABCDEF1", "1.0.0-rc1"));
        Random random = new Random(7);
        String alphabet = "0123456789+-.eExXoabcdfABCDF_: nNtTlLuUrRsS$kpyYOgi~";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(10);
            for (int c = 0; c < length; c++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        for (String value : values) {
            for (boolean implicit : new boolean[] {true, false}) {
                assertThat(quick.getScalarResolver().resolve(value, implicit)).as("'%s' implicit=%s", value, implicit)
                        .isEqualTo(core.getScalarResolver().resolve(value, implicit));
            }
        }
    }

    @Test
    void takesTheShortcutForNamesAndNotForNumbers() {
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("namespace")).isTrue();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("kind")).isTrue();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("name")).isTrue();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("type")).isTrue();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("filters")).isTrue();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("Null")).isFalse();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("null")).isFalse();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("True")).isFalse();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("example.com")).isTrue();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("0x1F2E3D")).isFalse();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("-1.5e+10")).isFalse();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("false")).isFalse();
        assertThat(QuickCoreSchema.cannotBeNumberOrWord("${VARIABLE}")).isFalse();
    }
}
