package io.lintel.schema.httproute;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.lintel.schema.Violations;

/**
 * Validation of a user-supplied regular expression (route path, header, query parameter, gRPC service and method
 * matches). Those are matched on the request path with RE2/J, in time linear in the input, so they must be RE2
 * syntax: an expression java.util.regex would accept but RE2 does not (a back-reference such as {@code \1}, a
 * lookahead or lookbehind, a possessive quantifier) is refused with a message saying so, and one neither accepts is
 * "not a valid regular expression". Lintel's own fixed patterns stay with java.util.regex.
 */
public final class UserRegex {

    public static final String UNSUPPORTED = "is not a supported regular expression (RE2 syntax: back-references and"
            + " lookaround are not supported)";

    /** Adds a violation at {@code field} unless {@code regex} compiles as an RE2 expression. */
    public static void check(String regex, String field, Violations out) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            out.add(field, "\"" + regex + "\" " + message(regex, e));
        }
    }

    private static String message(String regex, PatternSyntaxException re2) {
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException jdk) {
            return "is not a valid regular expression: " + jdk.getDescription();
        }
        String at = re2.getPattern();
        return UNSUPPORTED + ": " + re2.getDescription() + (at == null || at.isEmpty() ? "" : " " + at);
    }

    private UserRegex() {}
}
