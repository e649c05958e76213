package io.lintel.plugin.filter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.PathModifier.Type;
import io.lintel.spi.filter.FilterConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathModifierTest {

    private static final String BASE = "spec.rules[0].filters[0].urlRewrite.path";

    private static PathModifier read(Map<String, Object> path) throws FilterConfigException {
        return PathModifier.read(ConfigReader.of(BASE, path));
    }

    private static PathModifier prefix(String replacement) {
        return new PathModifier(Type.REPLACE_PREFIX_MATCH, replacement);
    }

    /** The table in the Gateway API's {@code HTTPPathModifier.ReplacePrefixMatch} documentation, and the conformance cases. */
    @ParameterizedTest(name = "{0} with prefix {1} replaced by \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            /foo/bar | /foo  | /xyz  | /xyz/bar
            /foo/bar | /foo  | /xyz/ | /xyz/bar
            /foo/bar | /foo/ | /xyz  | /xyz/bar
            /foo/bar | /foo/ | /xyz/ | /xyz/bar
            /foo     | /foo  | /xyz  | /xyz
            /foo/    | /foo  | /xyz  | /xyz/
            /foo/bar | /foo  | ''    | /bar
            /foo/    | /foo  | ''    | /
            /foo     | /foo  | ''    | /
            /foo/    | /foo  | /     | /
            /foo     | /foo  | /     | /
            /prefix/one/two | /prefix/one | /one | /one/two
            /strip-prefix/three | /strip-prefix | / | /three
            /strip-prefix | /strip-prefix | / | /
            /prefix/rewrite-path-and-modify-headers/one | /prefix/rewrite-path-and-modify-headers | /prefix | /prefix/one
            /original-prefix/lemon | /original-prefix | /replacement-prefix | /replacement-prefix/lemon
            /anything | / | /new | /new/anything
            / | / | /new | /new
            / | / | / | /
            / | '' | /new/ | /new
            /anything | '' | /new | /new/anything
            """)
    void replacesThePrefixMatchAsSpecified(String path, String matched, String replacement, String expected) {
        assertThat(prefix(replacement).apply(path, matched)).isEqualTo(expected);
    }

    @Test
    void replacesNothingWhenThePrefixDoesNotMatchWholeElements() {
        assertThat(prefix("/xyz").apply("/foobar", "/foo")).isEqualTo("/xyz/foobar");
        assertThat(prefix("/xyz").apply("/other", "/foo")).isEqualTo("/xyz/other");
    }

    @Test
    void keepsTheQuery() {
        assertThat(prefix("/xyz").applyToPathAndQuery("/foo/bar?a=1&b=/foo", "/foo")).isEqualTo("/xyz/bar?a=1&b=/foo");
        assertThat(prefix("/").applyToPathAndQuery("/foo?x", "/foo")).isEqualTo("/?x");
        assertThat(new PathModifier(Type.REPLACE_FULL_PATH, "/full").applyToPathAndQuery("/a/b?q=1", ""))
                .isEqualTo("/full?q=1");
        assertThat(PathModifier.NONE.applyToPathAndQuery("/a/b?q=1", "/a")).isEqualTo("/a/b?q=1");
    }

    @Test
    void replacesTheFullPath() {
        assertThat(new PathModifier(Type.REPLACE_FULL_PATH, "/one").apply("/full/one/two", "/full/one"))
                .isEqualTo("/one");
    }

    @Test
    void readsBothTypes() throws Exception {
        assertThat(read(Map.of("type", "ReplaceFullPath", "replaceFullPath", "/one")))
                .isEqualTo(new PathModifier(Type.REPLACE_FULL_PATH, "/one"));
        assertThat(read(Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", "/one")))
                .isEqualTo(prefix("/one"));
        assertThat(read(Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", ""))).isEqualTo(prefix(""));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("type", "ReplaceFullPath");
        withNull.put("replaceFullPath", "/x");
        withNull.put("replacePrefixMatch", null);
        assertThat(read(withNull)).isEqualTo(new PathModifier(Type.REPLACE_FULL_PATH, "/x"));
    }

    @Test
    void rejectsInconsistentOrInvalidConfigurationWithTheFieldPath() {
        assertRejected(Map.of("replaceFullPath", "/x"), ".type", "required field is missing");
        assertRejected(Map.of("type", "RegexRewrite"), ".type",
                "unsupported path modifier type \"RegexRewrite\"; expected ReplaceFullPath or ReplacePrefixMatch");
        assertRejected(Map.of("type", "ReplaceFullPath"), ".replaceFullPath", "required when type is ReplaceFullPath");
        assertRejected(Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", "/a", "replaceFullPath", "/b"),
                ".replaceFullPath", "must not be set when type is ReplacePrefixMatch");
        assertRejected(Map.of("type", "ReplaceFullPath", "replaceFullPath", "/a", "replacePrefixMatch", "/b"),
                ".replacePrefixMatch", "must not be set when type is ReplaceFullPath");
        assertRejected(Map.of("type", "ReplaceFullPath", "replaceFullPath", ""), ".replaceFullPath", "not a valid path");
        assertRejected(Map.of("type", "ReplaceFullPath", "replaceFullPath", "relative"), ".replaceFullPath",
                "not a valid path");
        assertRejected(Map.of("type", "ReplacePrefixMatch", "replacePrefixMatch", "/a?b"), ".replacePrefixMatch",
                "not a valid path");
        assertRejected(Map.of("type", "ReplaceFullPath", "replaceFullPath", "/" + "a".repeat(1024)),
                ".replaceFullPath", "at most 1024");
        assertRejected(Map.of("type", "ReplaceFullPath", "replaceFullPath", "/a", "extra", 1), ".extra",
                "unknown field");
    }

    private static void assertRejected(Map<String, Object> path, String field, String message) {
        assertThatThrownBy(() -> read(path)).isInstanceOfSatisfying(FilterConfigException.class, e -> {
            assertThat(e.fieldPath()).isEqualTo(BASE + field);
            assertThat(e.reason()).isEqualTo("UnsupportedValue");
            assertThat(e.getMessage()).contains(message);
        });
    }
}
