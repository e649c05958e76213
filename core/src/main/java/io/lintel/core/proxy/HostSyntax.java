package io.lintel.core.proxy;

/**
 * Whether a {@code Host} value (or the authority of an absolute-form request-target) is {@code uri-host [ ":" port ]}
 * as RFC 9110 section 7.2 and RFC 3986 section 3.2.2 define it. Anything else (spaces, {@code /}, {@code @} of a
 * userinfo, control characters, an empty host) makes the request a 400: a value the route table cannot match the way a
 * backend or a log reader would read it.
 */
final class HostSyntax {

    private HostSyntax() {}

    static boolean isValid(CharSequence value) {
        int length = value.length();
        if (length == 0) {
            return false;
        }
        int i;
        if (value.charAt(0) == '[') {
            // IP-literal: IPv6address or IPvFuture, both within unreserved / sub-delims / ":"
            i = 1;
            while (i < length && value.charAt(i) != ']') {
                char c = value.charAt(i);
                if (!isUnreserved(c) && !isSubDelim(c) && c != ':') {
                    return false;
                }
                i++;
            }
            if (i == length || i == 1) {
                return false;
            }
            i++;
        } else {
            // reg-name or IPv4address: unreserved / pct-encoded / sub-delims
            i = 0;
            while (i < length && value.charAt(i) != ':') {
                char c = value.charAt(i);
                if (c == '%') {
                    if (i + 2 >= length || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
                        return false;
                    }
                    i += 2;
                } else if (!isUnreserved(c) && !isSubDelim(c)) {
                    return false;
                }
                i++;
            }
            if (i == 0) {
                return false;
            }
        }
        if (i == length) {
            return true;
        }
        if (value.charAt(i) != ':') {
            return false;
        }
        // port = *DIGIT
        for (i++; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isSubDelim(char c) {
        return switch (c) {
            case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=' -> true;
            default -> false;
        };
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
