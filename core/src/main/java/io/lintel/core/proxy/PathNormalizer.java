package io.lintel.core.proxy;

/**
 * Normalises the path of an origin-form request-target before it is routed and forwarded, so that a route's path
 * match and the backend see the same resource: {@code /public/../admin} must not match {@code PathPrefix /public} and
 * then reach {@code /admin} on a backend that resolves the dot segments itself.
 *
 * <p>In this order (RFC 3986 section 6.2.2):
 * <ol>
 *   <li>percent-encoded <em>unreserved</em> characters are decoded ({@code %2e} → {@code .}, {@code %7E} → {@code ~},
 *       section 6.2.2.2), so that encoded dot segments are dot segments; every other percent-encoding is kept exactly
 *       as received (reserved characters stay encoded, hex digits keep their case);</li>
 *   <li>runs of {@code /} become one;</li>
 *   <li>dot segments are removed (section 5.2.4): {@code .} goes, {@code ..} removes the segment before it, and a path
 *       that climbs above the root stays at the root ({@code /../x} → {@code /x}); a final {@code .} or {@code ..}
 *       leaves a trailing slash ({@code /a/b/..} → {@code /a/}).</li>
 * </ol>
 * Encoded slashes and backslashes ({@code %2F}, {@code %5C}) are kept encoded and are not separators: {@code
 * /a%2F..%2Fb} is one segment and stays as it is (Envoy's default, {@code KEEP_UNCHANGED}). The query (from the first
 * {@code ?}) is never touched. A path that is already normal is returned as the same instance, without allocating.
 */
public final class PathNormalizer {

    private PathNormalizer() {}

    /** The normalised request-target; {@code target} itself when it is normal already. */
    public static String normalize(String target) {
        int queryStart = target.indexOf('?');
        int pathEnd = queryStart < 0 ? target.length() : queryStart;
        if (isNormal(target, pathEnd)) {
            return target;
        }
        String path = removeDotSegments(mergeSlashes(decodeUnreserved(target, pathEnd)));
        String normalized = queryStart < 0 ? path : path + target.substring(queryStart);
        // a path with percent-encodings of reserved characters only is normal, yet takes the long way to find out
        return normalized.equals(target) ? target : normalized;
    }

    /** Whether the path has nothing to normalise: no percent sign, no empty segment, no dot segment. */
    private static boolean isNormal(String target, int pathEnd) {
        for (int i = 0; i < pathEnd; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                return false;
            }
            if (c == '/' && i + 1 < pathEnd) {
                char next = target.charAt(i + 1);
                if (next == '/' || next == '.' && isDotSegment(target, i + 1, pathEnd)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the segment starting at {@code start} (a {@code .}) is {@code .} or {@code ..}. */
    private static boolean isDotSegment(String target, int start, int pathEnd) {
        int end = start + 1;
        if (end < pathEnd && target.charAt(end) == '.') {
            end++;
        }
        return end == pathEnd || target.charAt(end) == '/';
    }

    private static String decodeUnreserved(String target, int pathEnd) {
        StringBuilder out = new StringBuilder(pathEnd);
        for (int i = 0; i < pathEnd; i++) {
            char c = target.charAt(i);
            if (c == '%' && i + 2 < pathEnd) {
                int high = hex(target.charAt(i + 1));
                int low = hex(target.charAt(i + 2));
                if (high >= 0 && low >= 0 && isUnreserved((char) (high << 4 | low))) {
                    out.append((char) (high << 4 | low));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** RFC 3986 section 2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String mergeSlashes(String path) {
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** RFC 3986 section 5.2.4 for an absolute path without empty segments (slashes merged). */
    private static String removeDotSegments(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            // not origin-form (the validator refuses those before); nothing to resolve against
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            boolean last = slash < 0;
            int length = end - start;
            boolean dot = length == 1 && path.charAt(start) == '.';
            boolean dotDot = length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.';
            if (dotDot) {
                // drop the last output segment with its slash; at the root there is nothing above to go to
                int cut = out.lastIndexOf("/");
                out.setLength(Math.max(cut, 0));
            }
            if (dot || dotDot) {
                if (last) {
                    out.append('/');
                }
            } else {
                out.append('/').append(path, start, end);
            }
            start = end + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
