package io.lintel.plugin.filter.support;

import java.util.regex.Pattern;

/**
 * Syntax checks for values filter configurations carry, as the Gateway API's CRD validation defines them. Run at
 * translate time, so a value that reaches a runtime filter can be sent as it is.
 */
public final class HttpSyntax {

    /** Gateway API {@code PreciseHostname}: lower-case RFC 1123 DNS labels, no wildcard. */
    private static final Pattern PRECISE_HOSTNAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_HOSTNAME_LENGTH = 253;

    private HttpSyntax() {}

    /** An RFC 7230 {@code token}, which is what Gateway API {@code HTTPHeaderName} allows. */
    public static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code value} can be sent as a header field value: no control characters other than horizontal tab,
     * which rules out CR/LF header injection. Leading and trailing blanks are kept as configured.
     */
    public static boolean isHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Gateway API {@code PreciseHostname}: at most 253 characters of lower-case DNS labels, no wildcard, no port. */
    public static boolean isPreciseHostname(String value) {
        return !value.isEmpty() && value.length() <= MAX_HOSTNAME_LENGTH && PRECISE_HOSTNAME.matcher(value).matches();
    }

    /**
     * An absolute URI path as a path modifier may set: starts with {@code /}, printable ASCII only, no query
     * ({@code ?}) or fragment ({@code #}), so the result is a well-formed request target.
     */
    public static boolean isAbsolutePath(String value) {
        if (value.isEmpty() || value.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
