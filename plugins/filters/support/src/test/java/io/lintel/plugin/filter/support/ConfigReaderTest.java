package io.lintel.plugin.filter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.filter.FilterConfigException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static final String BASE = "spec.rules[0].filters[0].requestRedirect";

    private static ConfigReader reader(Map<String, ?> object) {
        return ConfigReader.of(BASE, object);
    }

    @Test
    void readsStringsAndTreatsNullAsAbsent() throws Exception {
        Map<String, Object> object = new HashMap<>();
        object.put("hostname", "example.org");
        object.put("scheme", null);
        ConfigReader reader = reader(object);

        assertThat(reader.optionalString("hostname")).contains("example.org");
        assertThat(reader.optionalString("scheme")).isEmpty();
        assertThat(reader.has("scheme")).isFalse();
        assertThat(reader.requiredString("hostname")).isEqualTo("example.org");
    }

    @Test
    void missingRequiredStringNamesTheField() {
        assertThatThrownBy(() -> reader(Map.of()).requiredString("type"))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(BASE + ".type");
                    assertThat(e.reason()).isEqualTo("UnsupportedValue");
                    assertThat(e.getMessage()).contains("required");
                });
    }

    @Test
    void wrongTypeSaysWhatWasFound() {
        assertThatThrownBy(() -> reader(Map.of("hostname", 42)).optionalString("hostname"))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(BASE + ".hostname");
                    assertThat(e.getMessage()).isEqualTo("expected a string, got integer 42");
                });
        assertThatThrownBy(() -> reader(Map.of("port", "80")).optionalInt("port"))
                .isInstanceOfSatisfying(FilterConfigException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("expected an integer, got the string \"80\""));
    }

    @Test
    void readsIntegersOfEveryIntegralTypeThatFit() throws Exception {
        assertThat(reader(Map.of("port", 8080)).optionalInt("port")).hasValue(8080);
        assertThat(reader(Map.of("port", 8080L)).optionalInt("port")).hasValue(8080);
        assertThat(reader(Map.of("port", BigInteger.valueOf(443))).optionalInt("port")).hasValue(443);
        assertThat(reader(Map.of()).optionalInt("port")).isEmpty();
        assertThatThrownBy(() -> reader(Map.of("port", 1L << 40)).optionalInt("port"))
                .isInstanceOf(FilterConfigException.class);
        assertThatThrownBy(() -> reader(Map.of("port", BigInteger.ONE.shiftLeft(70))).optionalInt("port"))
                .isInstanceOf(FilterConfigException.class);
        assertThatThrownBy(() -> reader(Map.of("port", 80.5)).optionalInt("port"))
                .isInstanceOf(FilterConfigException.class);
    }

    @Test
    void readsBooleansButNotStrings() throws Exception {
        assertThat(reader(Map.of("on", true)).optionalBoolean("on")).hasValue(true);
        assertThat(reader(Map.of("on", false)).optionalBoolean("on")).hasValue(false);
        assertThat(reader(Map.of()).optionalBoolean("on")).isEmpty();
        assertThatThrownBy(() -> reader(Map.of("on", "true")).optionalBoolean("on"))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("expected a boolean, got the string \"true\""));
    }

    @Test
    void nestedObjectsAndListsCarryTheirPath() throws Exception {
        ConfigReader reader = reader(Map.of(
                "path", Map.of("type", "ReplaceFullPath"),
                "set", List.of(Map.of("name", "a"), Map.of("name", "b")),
                "remove", List.of("x", "y")));

        assertThat(reader.optionalObject("path")).get().extracting(ConfigReader::path).isEqualTo(BASE + ".path");
        assertThat(reader.objectList("set")).extracting(ConfigReader::path)
                .containsExactly(BASE + ".set[0]", BASE + ".set[1]");
        assertThat(reader.stringList("remove")).containsExactly("x", "y");
        assertThat(reader.objectList("add")).isEmpty();
        assertThat(reader.stringList("missing")).isEmpty();
    }

    @Test
    void badListElementsNameTheirIndex() {
        assertThatThrownBy(() -> reader(Map.of("remove", List.of("x", 3))).stringList("remove"))
                .isInstanceOfSatisfying(FilterConfigException.class,
                        e -> assertThat(e.fieldPath()).isEqualTo(BASE + ".remove[1]"));
        assertThatThrownBy(() -> reader(Map.of("set", Arrays.asList(Map.of(), null))).objectList("set"))
                .isInstanceOfSatisfying(FilterConfigException.class,
                        e -> assertThat(e.fieldPath()).isEqualTo(BASE + ".set[1]"));
        assertThatThrownBy(() -> reader(Map.of("set", "x")).objectList("set"))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(BASE + ".set");
                    assertThat(e.getMessage()).isEqualTo("expected a list, got the string \"x\"");
                });
        assertThatThrownBy(() -> reader(Map.of("path", List.of())).optionalObject("path"))
                .isInstanceOfSatisfying(FilterConfigException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("expected an object, got a list"));
    }

    @Test
    void unknownFieldsAreRejectedInNameOrder() {
        assertThatThrownBy(() -> reader(Map.of("zeta", 1, "hostnmae", "x", "port", 1))
                        .requireOnly(Set.of("hostname", "port")))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(BASE + ".hostnmae");
                    assertThat(e.getMessage()).isEqualTo("unknown field; expected one of hostname, port");
                });
    }
}
