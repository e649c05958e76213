package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Absolute-form request-targets ({@code GET http://b.example/x HTTP/1.1}): RFC 9112 section 3.2.2 says the target's
 * authority wins over the {@code Host} header. Lintel routes by that authority and forwards origin-form: the backend
 * gets {@code /x} with {@code Host: b.example}, as if the client had sent that.
 */
public final class AbsoluteForm {

    private AbsoluteForm() {}

    /** Whether the target starts with {@code http://} or {@code https://} (scheme case-insensitive). */
    static boolean isAbsoluteForm(String target) {
        return target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
    }

    /** The authority of an absolute-form target: from after {@code //} to the first {@code /}, {@code ?} or end. */
    static String authority(String target) {
        int start = target.indexOf("//") + 2;
        return target.substring(start, authorityEnd(target, start));
    }

    /** Makes an absolute-form request origin-form, its authority the {@code Host}; other requests stay as they are. */
    public static void toOriginForm(HttpRequest request) {
        String target = request.uri();
        if (target.isEmpty() || target.charAt(0) == '/' || !isAbsoluteForm(target)) {
            return;
        }
        int start = target.indexOf("//") + 2;
        int end = authorityEnd(target, start);
        request.headers().set(HttpHeaderNames.HOST, target.substring(start, end));
        String rest = target.substring(end);
        request.setUri(rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest);
    }

    private static int authorityEnd(String target, int start) {
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?'
                && target.charAt(end) != '#') {
            end++;
        }
        return end;
    }
}
