package io.lintel.core.route;

import com.google.re2j.Pattern;

/**
 * The literal prefix of a regular expression: the longest string every path the expression fully matches must start
 * with, read conservatively from the expression's text. Used by {@link MatchIndex} to evaluate only the expressions
 * a path can match. When in doubt the prefix is shorter (down to {@code ""}, which means "always evaluate"): a
 * prefix that is too short costs a regex evaluation, one that is too long would lose a match.
 *
 * <p>Rules: any compile flag, {@code \Q} or {@code \E} anywhere, or an alternation ({@code |}) that is not
 * provably inside a group gives {@code ""}; a leading {@code ^} is skipped; then plain ASCII literals (letters,
 * digits, {@code /-_~%,;:=@!&'"<>}) and backslash-escaped ASCII punctuation are taken until the first other construct
 * (class, group, dot, anchor, escape sequence such as {@code \d}, non-ASCII character); a literal followed by a
 * quantifier or by an inline flag group ({@code (?i)}) is not taken.
 *
 * <p>The expressions are RE2 syntax (see {@link PathMatcher}); every construct read as a literal above means the same
 * literal in RE2 and in java.util.regex (RE2 takes a backslash before any ASCII punctuation as that character).
 */
final class RegexLiteralPrefix {

    private static final String PLAIN = "/-_~%,;:=@!&'\"<>";
    private static final String ESCAPED_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String QUANTIFIERS = "*+?{";

    private RegexLiteralPrefix() {}

    static String of(Pattern pattern) {
        return pattern.flags() != 0 ? "" : of(pattern.pattern());
    }

    static String of(String regex) {
        // \Q...\E quotes change what follows ("a\Q\E*" is "a*" in java.util.regex; RE2 reads \Q\E its own way), so
        // no character may be read past them.
        if (regex.contains("\\Q") || regex.contains("\\E") || mayAlternateAtTopLevel(regex)) {
            return "";
        }
        StringBuilder prefix = new StringBuilder();
        int n = regex.length();
        int i = n > 0 && regex.charAt(0) == '^' ? 1 : 0;
        while (i < n) {
            char c = regex.charAt(i);
            char literal;
            int next;
            if (isPlain(c)) {
                literal = c;
                next = i + 1;
            } else if (c == '\\' && i + 1 < n && ESCAPED_PUNCTUATION.indexOf(regex.charAt(i + 1)) >= 0) {
                literal = regex.charAt(i + 1);
                next = i + 2;
            } else {
                break;
            }
            if (next < n && QUANTIFIERS.indexOf(regex.charAt(next)) >= 0) {
                break; // optional or repeated: the literal is not required as written
            }
            if (isFlagGroup(regex, next)) {
                break; // RE2 applies a quantifier after "(?i)" to the literal before it: "b(?i)*" is "b*"
            }
            prefix.append(literal);
            i = next;
        }
        return prefix.toString();
    }

    /** Whether an inline flag group such as {@code (?i)} starts at {@code i} (not {@code (?:}, nor a named group). */
    private static boolean isFlagGroup(String regex, int i) {
        return regex.startsWith("(?", i) && !regex.startsWith("(?:", i) && !regex.startsWith("(?P<", i)
                && !regex.startsWith("(?<", i);
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || PLAIN.indexOf(c) >= 0;
    }

    /**
     * True unless every {@code |} is inside parentheses. Character classes are skipped when simple (no nested
     * {@code [}, no {@code ]} first); anything harder, or {@code \Q}, counts as "may alternate".
     */
    static boolean mayAlternateAtTopLevel(String regex) {
        if (regex.indexOf('|') < 0) {
            return false;
        }
        int depth = 0;
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && (regex.charAt(i + 1) == 'Q' || regex.charAt(i + 1) == 'E')) {
                    return true;
                }
                i += 2;
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && regex.charAt(j) == '^') {
                    j++;
                }
                if (j >= n || regex.charAt(j) == ']') {
                    return true;
                }
                while (j < n && regex.charAt(j) != ']') {
                    char d = regex.charAt(j);
                    if (d == '[') {
                        return true;
                    }
                    if (d == '\\') {
                        if (j + 1 < n && (regex.charAt(j + 1) == 'Q' || regex.charAt(j + 1) == 'E')) {
                            return true;
                        }
                        j++;
                    }
                    j++;
                }
                if (j >= n) {
                    return true;
                }
                i = j + 1;
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth <= 0) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}
