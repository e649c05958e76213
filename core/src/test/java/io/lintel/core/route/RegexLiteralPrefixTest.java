package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegexLiteralPrefixTest {

    private static String prefix(String regex) {
        return RegexLiteralPrefix.of(Pattern.compile(regex));
    }

    @Test
    void literalsUpToTheFirstConstruct() {
        assertThat(prefix("/r12/[a-z]+")).isEqualTo("/r12/");
        assertThat(prefix("/api/v1/users")).isEqualTo("/api/v1/users");
        assertThat(prefix("/a.b")).isEqualTo("/a");
        assertThat(prefix("/a\\.b/.*")).isEqualTo("/a.b/");
        assertThat(prefix("/a\\/b")).isEqualTo("/a/b");
        assertThat(prefix("/a-b_c~d%2F,;:=@!&'<>\"")).isEqualTo("/a-b_c~d%2F,;:=@!&'<>\"");
        assertThat(prefix("/a(b|c)")).isEqualTo("/a");
        assertThat(prefix("/(?:v1|v2)/x")).isEqualTo("/");
        assertThat(prefix("/api/(v1|v2)/[a-z|]+")).isEqualTo("/api/");
    }

    @Test
    void quantifiedLiteralIsNotRequired() {
        assertThat(prefix("/ab*")).isEqualTo("/a");
        assertThat(prefix("/ab?")).isEqualTo("/a");
        assertThat(prefix("/ab+")).isEqualTo("/a");
        assertThat(prefix("/ab{0,3}")).isEqualTo("/a");
        assertThat(prefix("/a\\.?b")).isEqualTo("/a");
        assertThat(prefix("/?x")).isEmpty();
    }

    @Test
    void anchorsAndLeadingWildcards() {
        assertThat(prefix("^/a/.*")).isEqualTo("/a/");
        assertThat(prefix("^^/a")).isEmpty();
        assertThat(prefix("/a$")).isEqualTo("/a");
        assertThat(prefix(".*/a")).isEmpty();
        assertThat(prefix("[/]a")).isEmpty();
        assertThat(prefix("(/a)")).isEmpty();
        assertThat(prefix("\\d+/a")).isEmpty();
        assertThat(prefix("\\/?a")).isEmpty();
    }

    @Test
    void bailsOutOnTopLevelAlternationQuotingFlagsAndOddClasses() {
        assertThat(prefix("/a|/b")).isEmpty();
        assertThat(prefix("/a/x|.*")).isEmpty();
        assertThat(prefix("/a(/b)|/c")).isEmpty();
        assertThat(prefix("/a[|]|/b")).isEmpty();
        assertThat(prefix("/a[(]|/b")).isEmpty();
        assertThat(prefix("/a[]|]x")).isEmpty();
        assertThat(prefix("/a[a[b]]|x")).isEmpty();
        assertThat(prefix("/a\\Q|\\E")).isEmpty();
        assertThat(prefix("\\Q/a\\E.*")).isEmpty();
        assertThat(prefix("/a\\Q\\E*")).isEmpty(); // empty quotes: the star applies to 'a'
        assertThat(prefix("/a\\Q.\\E")).isEmpty();
        assertThat(prefix("(?i)/a")).isEmpty();
        assertThat(prefix("/ab(?i)*")).isEqualTo("/a"); // RE2: the star after the flags repeats 'b'
        assertThat(prefix("/v(?P<n>[0-9]+)")).isEqualTo("/v");
        assertThat(RegexLiteralPrefix.of(Pattern.compile("/a", Pattern.CASE_INSENSITIVE))).isEmpty();
        assertThat(RegexLiteralPrefix.of(Pattern.compile("/a", Pattern.DOTALL))).isEmpty();
        assertThat(prefix("/é/x")).isEqualTo("/");
        assertThat(prefix("/a\\|b")).isEqualTo("/a|b"); // an escaped bar is a literal
    }

    @Test
    void everyFullMatchStartsWithThePrefix() {
        List<String> atoms = List.of("/", "a", "b", ".", "\\.", "*", "+", "?", "|", "(", ")", "(?:", "[ab]", "[^/]",
                "[|]", "\\d", "\\w", "{2}", "^", "$", "\\Q", "\\E", "\\/", "-", "ab", "(?i)", "(?P<g>a)", "[]a]", "\\|", "\\Q\\E", "\\Qa\\E");
        List<String> inputs = List.of("", "/", "/a", "/b", "/ab", "/a/b", "a", "ab", "/a.b", "/aab", "//", "/A",
                "/1", "/a|b", "a/b", "/ba", "/abab", "/a/", "/aa", "/bb", "b/a", "|", "/|");
        Random random = new Random(42);
        int checked = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder regex = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                regex.append(atoms.get(random.nextInt(atoms.size())));
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex.toString());
            } catch (PatternSyntaxException e) {
                continue;
            }
            String prefix = RegexLiteralPrefix.of(pattern);
            for (String input : inputs) {
                if (pattern.matcher(input).matches()) {
                    assertThat(input).as("regex %s, prefix %s", regex, prefix).startsWith(prefix);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
