package io.lintel.plugin.filter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.HeaderModification.Header;
import io.lintel.testkit.FakeHeaders;
import io.lintel.spi.filter.FilterConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderModificationTest {

    private static final String BASE = "spec.rules[0].filters[0].requestHeaderModifier";

    private static HeaderModification read(Map<String, Object> filter) throws FilterConfigException {
        return HeaderModification.read(ConfigReader.of(BASE, filter));
    }

    private static Map<String, Object> header(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    private static FilterConfigException readFails(Map<String, Object> filter) {
        try {
            read(filter);
        } catch (FilterConfigException e) {
            assertThat(e.reason()).isEqualTo("UnsupportedValue");
            return e;
        }
        throw new AssertionError("expected a FilterConfigException for " + filter);
    }

    @Test
    void readsSetAddAndRemove() throws Exception {
        HeaderModification modification = read(Map.of(
                "set", List.of(header("X-Header-Set", "set-overwrites-values")),
                "add", List.of(header("X-Header-Add", "a"), header("X-Header-Add-2", "b")),
                "remove", List.of("X-Header-Remove")));

        assertThat(modification).isEqualTo(new HeaderModification(
                List.of(new Header("X-Header-Set", "set-overwrites-values")),
                List.of(new Header("X-Header-Add", "a"), new Header("X-Header-Add-2", "b")),
                List.of("X-Header-Remove")));
        assertThat(modification.isEmpty()).isFalse();
        assertThat(read(Map.of())).isEqualTo(new HeaderModification(List.of(), List.of(), List.of()));
        assertThat(read(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void appliesLikeTheConformanceSuiteExpects() throws Exception {
        HeaderModification modification = read(Map.of(
                "set", List.of(header("X-Header-Set", "header-set")),
                "add", List.of(header("X-Header-Add", "header-add")),
                "remove", List.of("X-Header-Remove")));
        FakeHeaders headers = FakeHeaders.of(
                "x-header-set", "original-val-set",
                "x-header-add", "original-val-add",
                "x-header-remove", "original-val-remove",
                "Another-Header", "another-header-val");

        modification.applyTo(headers);

        assertThat(headers.getAll("X-Header-Set")).containsExactly("header-set");
        assertThat(headers.getAll("X-Header-Add")).containsExactly("original-val-add", "header-add");
        assertThat(headers.contains("X-Header-Remove")).isFalse();
        assertThat(headers.getAll("Another-Header")).containsExactly("another-header-val");
    }

    @Test
    void setCreatesAndAddAppendsWhenAbsent() throws Exception {
        HeaderModification modification = read(Map.of(
                "set", List.of(header("X-Set", "1")),
                "add", List.of(header("X-Add", "2"))));
        FakeHeaders headers = new FakeHeaders();

        modification.applyTo(headers);

        assertThat(headers.entries()).containsExactly(Map.entry("X-Set", "1"), Map.entry("X-Add", "2"));
    }

    @Test
    void rejectsInvalidHeaderNamesWithTheirPath() {
        FilterConfigException e = readFails(Map.of("set", List.of(header("X-Ok", "v"), header("Bad Name", "v"))));
        assertThat(e.fieldPath()).isEqualTo(BASE + ".set[1].name");
        assertThat(e.getMessage()).contains("\"Bad Name\" is not a valid header name");

        assertThat(readFails(Map.of("remove", List.of("ok", "bad:name"))).fieldPath()).isEqualTo(BASE + ".remove[1]");
        assertThat(readFails(Map.of("add", List.of(header("x".repeat(257), "v")))).fieldPath())
                .isEqualTo(BASE + ".add[0].name");
    }

    @Test
    void rejectsInvalidValues() {
        FilterConfigException injection = readFails(Map.of("add", List.of(header("X-A", "v\r\nX-Evil: 1"))));
        assertThat(injection.fieldPath()).isEqualTo(BASE + ".add[0].value");
        assertThat(injection.getMessage()).contains("control character");

        assertThat(readFails(Map.of("set", List.of(header("X-A", "")))).fieldPath()).isEqualTo(BASE + ".set[0].value");
        assertThat(readFails(Map.of("set", List.of(header("X-A", "v".repeat(4097))))).getMessage())
                .isEqualTo("header value has 4097 characters; expected 1 to 4096");
        assertThat(readFails(Map.of("set", List.of(Map.of("name", "X-A")))).fieldPath())
                .isEqualTo(BASE + ".set[0].value");
        assertThat(readFails(Map.of("set", List.of(Map.of("name", "X-A", "value", 3)))).fieldPath())
                .isEqualTo(BASE + ".set[0].value");
    }

    @Test
    void rejectsMoreThanSixteenEntries() {
        List<Object> seventeen = new ArrayList<>();
        List<Object> sixteen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(header("X-" + i, "v"));
            if (i < 16) {
                sixteen.add(header("X-" + i, "v"));
            }
        }
        FilterConfigException e = readFails(Map.of("add", seventeen));
        assertThat(e.fieldPath()).isEqualTo(BASE + ".add");
        assertThat(e.getMessage()).isEqualTo("has 17 entries; at most 16 are allowed");
        assertThat(readFails(Map.of("remove", List.of(
                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q"))).fieldPath())
                .isEqualTo(BASE + ".remove");
        assertThat(catchless(() -> read(Map.of("set", sixteen)))).isNull();
    }

    @Test
    void rejectsADuplicateNameCaseInsensitivelyWithinAndAcrossLists() {
        FilterConfigException within = readFails(Map.of("set", List.of(header("X-A", "1"), header("x-a", "2"))));
        assertThat(within.fieldPath()).isEqualTo(BASE + ".set[1].name");
        assertThat(within.getMessage()).contains("already modified by set[0].name");

        FilterConfigException across = readFails(Map.of(
                "add", List.of(header("X-A", "1")), "remove", List.of("X-B", "X-a")));
        assertThat(across.fieldPath()).isEqualTo(BASE + ".remove[1]");
        assertThat(across.getMessage()).contains("already modified by add[0].name");
    }

    @Test
    void rejectsUnknownFields() {
        assertThat(readFails(Map.of("sett", List.of())).fieldPath()).isEqualTo(BASE + ".sett");
        assertThat(readFails(Map.of("set", List.of(Map.of("name", "X-A", "value", "1", "vaule", "2")))).fieldPath())
                .isEqualTo(BASE + ".set[0].vaule");
    }

    @Test
    void isAValue() {
        HeaderModification a = new HeaderModification(List.of(new Header("A", "1")), List.of(), List.of("B"));
        HeaderModification b = new HeaderModification(new ArrayList<>(List.of(new Header("A", "1"))), List.of(),
                new ArrayList<>(List.of("B")));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThatThrownBy(() -> a.set().add(new Header("C", "2"))).isInstanceOf(UnsupportedOperationException.class);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Throwable catchless(Action action) {
        try {
            action.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
