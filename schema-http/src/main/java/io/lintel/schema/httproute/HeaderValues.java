package io.lintel.schema.httproute;

import io.lintel.schema.Schema;
import io.lintel.schema.StringSchema;

/**
 * The HTTPRoute CRD's header value pattern {@code ^[!-~]+([\t ]?[!-~]+)*$} (HTTPHeaderMatch.value and the
 * HTTPHeader values of RequestHeaderModifier/ResponseHeaderModifier {@code set} and {@code add}): printable US-ASCII,
 * optionally separated by single tabs or spaces. Checked by hand in one pass: the pattern's nested quantifiers would
 * backtrack exponentially on a 4096-character value that does not match.
 */
public final class HeaderValues {

    public static final String PATTERN = "^[!-~]+([\\t ]?[!-~]+)*$";

    /** A string of 1-4096 characters matching {@link #PATTERN}. */
    public static final Schema VALUE = (value, path, out) -> {
        int before = out.count();
        StringSchema.string().length(1, 4096).check(value, path, out);
        if (out.count() == before && !matches((String) value)) {
            out.add(path, "\"" + value + "\" is invalid (expected to match " + PATTERN + ")");
        }
    };

    /** True when {@code s} matches {@link #PATTERN}. */
    public static boolean matches(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean previousBlank = true; // no blank first
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank = c == ' ' || c == '\t';
            if (blank ? previousBlank : c < '!' || c > '~') {
                return false;
            }
            previousBlank = blank;
        }
        return !previousBlank; // no blank last
    }

    private HeaderValues() {}
}
