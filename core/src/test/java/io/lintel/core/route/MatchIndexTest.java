package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.proxy.ProxyMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The indexed lookup of a virtual host agrees with a plain first-match scan. */
class MatchIndexTest {

    private static final String[] SEGMENTS = {"", "a", "b", "ab", "a.b", "x-1", "A", "aa"};
    private static final String[] REGEX_SUFFIXES = {
        "", "[a-z]+", ".*", "/.*", "(a|b)", "/?", "b*", "b+", "b?", "b{0,2}", "\\.x", "\\..*", "|/a", "|.*",
        "(?:a|ab)/.*", "[/a]*", "[^/]+", "/[ab]/.*", "$", "(?i)b", "\\d*", "\\w+", "\\Qa\\E", "[|]", "(/x)|/a",
        "[a|]b|/", "\\|", "\\/b", "\\-", "a(?=b)b", "(a)\\1",
    };
    private static final String[] WHOLE_REGEXES = {
        ".*", "^/a.*", "(?i)/A.*", "/a$", "\\Q/a\\E.*", "/[ab]/.*", "/a|/b", "^$", "(/a|/b)/.*", "[/]a.*", "/a*",
        "\\/a/.*", "/(?:a)", ".+/b", "^^/a", "(?x) /a", "/a/b(/.*)?",
    };

    private static RouteRequest request(String method, String path, String header) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (header != null) {
            headers.add("x-h", header);
        }
        return new RouteRequest().reset(method, path, headers);
    }

    private static CompiledMatch match(int position, PathMatcher path, String method, String header) {
        CompiledMatch.HeaderCondition[] headers = header == null
                ? new CompiledMatch.HeaderCondition[0]
                : new CompiledMatch.HeaderCondition[] {new CompiledMatch.HeaderCondition(AsciiString.of("x-h"),
                        ValueMatcher.of(IrValueMatchType.EXACT, header, Pattern::compile))};
        return new CompiledMatch("m" + position, path, headers, new CompiledMatch.QueryCondition[0], method,
                CompiledRule.direct("r" + position, 200, ProxyMetrics.RuleMetrics.NOOP));
    }

    private static PathMatcher path(IrPathMatch.Type type, String value) {
        return PathMatcher.of(new IrPathMatch(type, value), Pattern::compile);
    }

    /** The reference: today's semantics, the first match in order whose every condition holds. */
    private static int linearFirst(List<CompiledMatch> matches, RouteRequest request) {
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i).matches(request)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexedFirst(List<CompiledMatch> matches, RouteRequest request) {
        CompiledRule rule = new CompiledVirtualHost("h", matches, 0).route(request);
        return rule == null ? -1 : Integer.parseInt(rule.name().substring(1));
    }

    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder();
        int segments = random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        if (path.length() == 0 || random.nextInt(4) == 0) {
            path.append('/');
        }
        return path.toString();
    }

    private static PathMatcher randomMatcher(Random random) {
        while (true) {
            int kind = random.nextInt(10);
            try {
                if (kind < 3) {
                    return path(IrPathMatch.Type.EXACT, randomPath(random));
                } else if (kind < 6) {
                    String prefix = randomPath(random);
                    return path(IrPathMatch.Type.PREFIX, random.nextInt(3) == 0 ? prefix + "/" : prefix);
                } else if (kind < 7) {
                    return path(IrPathMatch.Type.PREFIX, random.nextBoolean() ? "/" : "//");
                } else if (kind < 9) {
                    String regex = randomPath(random).replace(".", random.nextBoolean() ? "." : "\\.")
                            + REGEX_SUFFIXES[random.nextInt(REGEX_SUFFIXES.length)];
                    return path(IrPathMatch.Type.REGULAR_EXPRESSION, regex);
                } else {
                    return path(IrPathMatch.Type.REGULAR_EXPRESSION, WHOLE_REGEXES[random.nextInt(WHOLE_REGEXES.length)]);
                }
            } catch (PatternSyntaxException e) {
                // generated an invalid expression: draw again
            }
        }
    }

    @Test
    void indexAgreesWithLinearScanOnRandomTables() {
        Random random = new Random(20261206L);
        int compared = 0;
        int found = 0;
        for (int table = 0; table < 600; table++) {
            int size = 1 + random.nextInt(table < 300 ? 12 : 60);
            List<PathMatcher> paths = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                paths.add(randomMatcher(random));
            }
            if (table % 2 == 0) {
                // as the translator orders them: exact, then prefixes longest first, then expressions
                paths.sort(Comparator.comparingInt((PathMatcher p) -> rank(p.kind()))
                        .thenComparing(Comparator.comparingInt((PathMatcher p) -> p.value().length()).reversed()));
            }
            List<CompiledMatch> matches = new ArrayList<>();
            List<String> interesting = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                PathMatcher path = paths.get(i);
                String method = random.nextInt(4) == 0 ? (random.nextBoolean() ? "GET" : "POST") : null;
                String header = random.nextInt(4) == 0 ? (random.nextBoolean() ? "1" : "2") : null;
                matches.add(match(i, path, method, header));
                if (path.kind() == PathMatcher.Kind.EXACT || path.kind() == PathMatcher.Kind.PREFIX) {
                    interesting.add(path.value());
                }
            }
            for (int r = 0; r < 60; r++) {
                String requestPath = randomPath(random);
                if (!interesting.isEmpty() && random.nextBoolean()) {
                    String base = interesting.get(random.nextInt(interesting.size()));
                    requestPath = switch (random.nextInt(4)) {
                        case 0 -> base;
                        case 1 -> base + "/";
                        case 2 -> base + randomPath(random);
                        default -> base + SEGMENTS[random.nextInt(SEGMENTS.length)];
                    };
                }
                String method = random.nextBoolean() ? "GET" : "POST";
                String header = random.nextInt(3) == 0 ? null : (random.nextBoolean() ? "1" : "2");
                RouteRequest request = request(method, requestPath, header);
                int expected = linearFirst(matches, request);
                assertThat(indexedFirst(matches, request))
                        .as("table %d %s, request %s %s x-h=%s", table, describe(matches), method, requestPath, header)
                        .isEqualTo(expected);
                compared++;
                found += expected >= 0 ? 1 : 0;
            }
        }
        assertThat(compared).isEqualTo(600 * 60);
        // the generator must exercise both outcomes, or the comparison proves little
        assertThat(found).isBetween(compared / 5, compared - compared / 10);
    }

    private static int rank(PathMatcher.Kind kind) {
        return switch (kind) {
            case EXACT -> 0;
            case PREFIX, ANY -> 1;
            case REGULAR_EXPRESSION -> 2;
        };
    }

    private static String describe(List<CompiledMatch> matches) {
        StringBuilder out = new StringBuilder("[");
        for (CompiledMatch match : matches) {
            out.append(match.path().kind()).append(' ').append(match.path().value()).append(", ");
        }
        return out.append(']').toString();
    }

    private static int indexed(List<CompiledMatch> matches, String path) {
        return indexedFirst(matches, request("GET", path, null));
    }

    @Test
    void prefixMatchesWholeSegmentsAndIgnoresItsTrailingSlash() {
        List<CompiledMatch> matches = List.of(
                match(0, path(IrPathMatch.Type.PREFIX, "/foo/bar/"), null, null),
                match(1, path(IrPathMatch.Type.PREFIX, "/foo"), null, null),
                match(2, path(IrPathMatch.Type.PREFIX, "/fo"), null, null));
        assertThat(indexed(matches, "/foo/bar")).isZero();
        assertThat(indexed(matches, "/foo/bar/")).isZero();
        assertThat(indexed(matches, "/foo/bar/baz")).isZero();
        assertThat(indexed(matches, "/foo/barbaz")).isEqualTo(1);
        assertThat(indexed(matches, "/foo")).isEqualTo(1);
        assertThat(indexed(matches, "/foo/")).isEqualTo(1);
        assertThat(indexed(matches, "/foobar")).isEqualTo(-1);
        assertThat(indexed(matches, "/fo/o")).isEqualTo(2);
        assertThat(indexed(matches, "/f")).isEqualTo(-1);
        assertThat(indexed(matches, "/")).isEqualTo(-1);
    }

    @Test
    void firstPositionWinsAcrossPathKinds() {
        // a prefix listed before an exact path wins over it, as in the scan; the index must not prefer exact paths
        List<CompiledMatch> matches = List.of(
                match(0, path(IrPathMatch.Type.PREFIX, "/a"), "POST", null),
                match(1, path(IrPathMatch.Type.EXACT, "/a/b"), null, "1"),
                match(2, path(IrPathMatch.Type.PREFIX, "/a"), null, null),
                match(3, path(IrPathMatch.Type.EXACT, "/a/b"), null, null),
                match(4, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/a/[a-z]+"), null, null),
                match(5, path(IrPathMatch.Type.PREFIX, "/"), null, null));
        assertThat(indexedFirst(matches, request("POST", "/a/b", "1"))).isZero();
        assertThat(indexedFirst(matches, request("GET", "/a/b", "1"))).isEqualTo(1);
        assertThat(indexedFirst(matches, request("GET", "/a/b", null))).isEqualTo(2);
        assertThat(indexedFirst(matches, request("GET", "/b", null))).isEqualTo(5);
    }

    @Test
    void exactBeforePrefixWhenListedFirst() {
        List<CompiledMatch> matches = List.of(
                match(0, path(IrPathMatch.Type.EXACT, "/a/b"), null, null),
                match(1, path(IrPathMatch.Type.EXACT, "/a/b"), "GET", null),
                match(2, path(IrPathMatch.Type.PREFIX, "/a/b"), null, null),
                match(3, path(IrPathMatch.Type.PREFIX, "/a"), null, null));
        assertThat(indexed(matches, "/a/b")).isZero();
        assertThat(indexed(matches, "/a/b/")).isEqualTo(2);
        assertThat(indexed(matches, "/a/c")).isEqualTo(3);
        assertThat(indexed(matches, "/a")).isEqualTo(3);
    }

    @Test
    void regexesAreEvaluatedOnlyWhenTheirLiteralPrefixFitsButStillMatchWhenItCannotBeUsed() {
        List<CompiledMatch> matches = List.of(
                match(0, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/r1/[a-z]+"), null, null),
                match(1, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/r12/[a-z]+"), null, null),
                match(2, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/x|/y"), null, null),
                match(3, path(IrPathMatch.Type.REGULAR_EXPRESSION, ".*/z"), null, null),
                match(4, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/q?w"), null, null));
        assertThat(indexed(matches, "/r1/abc")).isZero();
        assertThat(indexed(matches, "/r12/abc")).isEqualTo(1);
        assertThat(indexed(matches, "/r12/ab1")).isEqualTo(-1);
        assertThat(indexed(matches, "/y")).isEqualTo(2);
        assertThat(indexed(matches, "/deep/z")).isEqualTo(3);
        assertThat(indexed(matches, "/w")).isEqualTo(4);
        assertThat(indexed(matches, "/qw")).isEqualTo(4);
    }

    @Test
    void smallHostsScanAndLargeOnesUseTheIndex() {
        List<CompiledMatch> few = new ArrayList<>();
        for (int i = 0; i < CompiledVirtualHost.INDEX_THRESHOLD - 1; i++) {
            few.add(match(i, path(IrPathMatch.Type.PREFIX, "/p" + i), null, null));
        }
        assertThat(new CompiledVirtualHost("h", few).indexed()).isFalse();
        List<CompiledMatch> many = new ArrayList<>(few);
        many.add(match(few.size(), path(IrPathMatch.Type.PREFIX, "/"), null, null));
        CompiledVirtualHost indexed = new CompiledVirtualHost("h", many);
        assertThat(indexed.indexed()).isTrue();
        assertThat(indexed.route(request("GET", "/p3/x", null)).name()).isEqualTo("r3");
        assertThat(indexed.route(request("GET", "/p33", null)).name()).isEqualTo("r" + few.size());
        List<CompiledMatch> regexes = new ArrayList<>();
        regexes.add(match(0, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/a/.*"), null, null));
        assertThat(new CompiledVirtualHost("h", regexes).indexed()).isFalse();
        regexes.add(match(1, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/b/.*"), null, null));
        assertThat(new CompiledVirtualHost("h", regexes).indexed()).isTrue();
    }

    @Test
    void manyRoutesOnOneHost() {
        List<CompiledMatch> matches = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            matches.add(match(i, path(IrPathMatch.Type.EXACT, "/e" + i), null, null));
        }
        for (int i = 0; i < 3000; i++) {
            matches.add(match(3000 + i, path(IrPathMatch.Type.PREFIX, "/p" + i + "/"), null, null));
        }
        for (int i = 0; i < 3000; i++) {
            matches.add(match(6000 + i, path(IrPathMatch.Type.REGULAR_EXPRESSION, "/r" + i + "/[a-z]+"), null, null));
        }
        for (String path : List.of("/e0", "/e2999", "/p0", "/p2999/x", "/p29999", "/r0/a", "/r2999/abc", "/r2999/1",
                "/e2999/", "/")) {
            assertThat(indexed(matches, path)).as(path).isEqualTo(linearFirst(matches, request("GET", path, null)));
        }
    }
}
