package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrValueMatchType;
import org.junit.jupiter.api.Test;

class PathMatcherTest {

    private static PathMatcher matcher(IrPathMatch.Type type, String value) {
        return PathMatcher.of(new IrPathMatch(type, value), Pattern::compile);
    }

    @Test
    void prefixMatchesWholeSegmentsOnly() {
        PathMatcher foo = matcher(IrPathMatch.Type.PREFIX, "/foo");
        assertThat(foo.matches("/foo")).isTrue();
        assertThat(foo.matches("/foo/")).isTrue();
        assertThat(foo.matches("/foo/bar")).isTrue();
        assertThat(foo.matches("/foobar")).isFalse();
        assertThat(foo.matches("/fo")).isFalse();
        assertThat(foo.matches("/")).isFalse();
    }

    @Test
    void prefixIgnoresTrailingSlashOfItsValue() {
        PathMatcher foo = matcher(IrPathMatch.Type.PREFIX, "/foo/");
        assertThat(foo.matches("/foo")).isTrue();
        assertThat(foo.matches("/foo/bar")).isTrue();
        assertThat(foo.matches("/foobar")).isFalse();
    }

    @Test
    void rootPrefixMatchesEverything() {
        PathMatcher root = matcher(IrPathMatch.Type.PREFIX, "/");
        assertThat(root.matches("/")).isTrue();
        assertThat(root.matches("/anything/at/all")).isTrue();
    }

    @Test
    void exactMatchesOnlyTheSamePath() {
        PathMatcher exact = matcher(IrPathMatch.Type.EXACT, "/foo");
        assertThat(exact.matches("/foo")).isTrue();
        assertThat(exact.matches("/foo/")).isFalse();
        assertThat(exact.matches("/foo/bar")).isFalse();
    }

    @Test
    void regexMustMatchTheWholePath() {
        PathMatcher regex = matcher(IrPathMatch.Type.REGULAR_EXPRESSION, "/v[0-9]+/items");
        assertThat(regex.matches("/v2/items")).isTrue();
        assertThat(regex.matches("/v2/items/7")).isFalse();
        assertThat(regex.matches("/api/v2/items")).isFalse();
    }

    /**
     * Expressions that backtrack exponentially in java.util.regex ({@code (a+)+$} against "aaa…a!" takes longer than
     * the age of the universe at 10 000 characters) run in one linear pass with RE2/J. The result is asserted, not the
     * time: this test would not finish with a backtracking engine.
     */
    @Test
    void catastrophicBacktrackingExpressionsRunInLinearTime() {
        String as = "a".repeat(10_000);
        PathMatcher nested = matcher(IrPathMatch.Type.REGULAR_EXPRESSION, "/(a+)+$");
        assertThat(nested.matches("/" + as + "!")).isFalse();
        assertThat(nested.matches("/" + as)).isTrue();
        PathMatcher alternation = matcher(IrPathMatch.Type.REGULAR_EXPRESSION, "/(a|a)*b");
        assertThat(alternation.matches("/" + as)).isFalse();
        assertThat(alternation.matches("/" + as + "b")).isTrue();
        ValueMatcher header = ValueMatcher.of(IrValueMatchType.REGULAR_EXPRESSION, "(a*)*c", Pattern::compile);
        assertThat(header.matches(as)).isFalse();
        assertThat(header.matches(as + "c")).isTrue();
    }

    @Test
    void backReferencesAndLookaroundDoNotCompile() {
        assertThatThrownBy(() -> Pattern.compile("(a*)*\\1b$")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> Pattern.compile("/(?=admin).*")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> Pattern.compile("/(?<!x)a")).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void valueMatcherComparesExactlyOrByFullRegex() {
        ValueMatcher exact = ValueMatcher.of(IrValueMatchType.EXACT, "a", Pattern::compile);
        assertThat(exact.matches("a")).isTrue();
        assertThat(exact.matches("A")).isFalse();
        assertThat(exact.matches(null)).isFalse();
        ValueMatcher regex = ValueMatcher.of(IrValueMatchType.REGULAR_EXPRESSION, "v[0-9]", Pattern::compile);
        assertThat(regex.matches("v1")).isTrue();
        assertThat(regex.matches("v12")).isFalse();
        assertThat(regex.matches(null)).isFalse();
    }

    @Test
    void routeRequestSplitsPathFromQuery() {
        assertThat(RouteRequest.pathOf("/a/b?x=1")).isEqualTo("/a/b");
        assertThat(RouteRequest.pathOf("/a#frag")).isEqualTo("/a");
        assertThat(RouteRequest.pathOf("/plain")).isEqualTo("/plain");
        assertThat(RouteRequest.pathOf("http://host:8080/abs?q")).isEqualTo("/abs");
        assertThat(RouteRequest.pathOf("http://host")).isEqualTo("/");
        assertThat(RouteRequest.pathOf("")).isEqualTo("/");
    }
}
