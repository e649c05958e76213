package io.lintel.plugin.filter.cors;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of {@code allowOrigins}: {@code *} (every origin), or {@code <scheme>://<host>(:<port>)} whose host may
 * start with the wildcard {@code *}, which matches greedily to the left (any number of DNS labels, so
 * {@code https://*.bar.com} matches {@code https://www.bar.com} and {@code https://a.www.bar.com}, not
 * {@code https://bar.com}); {@code *} alone as host matches every host. A missing port is the scheme's default
 * (80 for {@code http}, 443 for {@code https}), on both the pattern and the request's {@code Origin}, so
 * {@code https://a.com} and {@code https://a.com:443} are the same origin. Scheme and host compare
 * case-insensitively.
 *
 * @param text the entry as configured
 * @param any whether this is {@code *}
 * @param scheme {@code http} or {@code https} (lower case); {@code ""} when {@code any}
 * @param hostSuffix the host without its leading wildcard, lower case ({@code ""} for a bare {@code *} host)
 * @param wildcardHost whether the host starts with {@code *}
 * @param port the port, explicit or the scheme's default; 0 when {@code any}
 */
public record OriginPattern(String text, boolean any, String scheme, String hostSuffix, boolean wildcardHost,
        int port) {

    private static final OriginPattern ANY = new OriginPattern("*", true, "", "", true, 0);

    /** A host of a pattern after its optional leading {@code *}: DNS labels, an IPv4 address or a bracketed IPv6. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern WILDCARD_SUFFIX = Pattern.compile("(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)+");

    public OriginPattern {
        requireNonNull(text, "text");
        requireNonNull(scheme, "scheme");
        requireNonNull(hostSuffix, "hostSuffix");
    }

    /**
     * Parses an {@code allowOrigins} entry.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static OriginPattern parse(String text) {
        if (text.equals("*")) {
            return ANY;
        }
        Origin origin = Origin.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not an origin; expected \"*\" or <scheme>://<host>[:<port>] with scheme http or"
                        + " https, e.g. https://www.example.com or https://*.example.com:8443"));
        String host = origin.host();
        boolean wildcard = host.startsWith("*");
        String suffix = wildcard ? host.substring(1) : host;
        boolean validHost = wildcard ? suffix.isEmpty() || WILDCARD_SUFFIX.matcher(suffix).matches()
                : HOST.matcher(suffix).matches();
        if (!validHost) {
            throw new IllegalArgumentException("\"" + text + "\" has an invalid host \"" + host + "\"; expected a DNS"
                    + " name or IP address, optionally starting with the wildcard \"*.\" (or \"*\" alone)");
        }
        return new OriginPattern(text, false, origin.scheme(), suffix, wildcard, origin.port());
    }

    /** Whether the value of a request's {@code Origin} header is allowed by this pattern. */
    public boolean matches(String originHeader) {
        if (any) {
            return true;
        }
        Optional<Origin> parsed = Origin.parse(originHeader);
        if (parsed.isEmpty()) {
            return false;
        }
        Origin origin = parsed.get();
        if (!origin.scheme().equals(scheme) || origin.port() != port) {
            return false;
        }
        String host = origin.host();
        if (!wildcardHost) {
            return host.equals(hostSuffix);
        }
        // the wildcard stands for at least one character, so "*.bar.com" does not match "bar.com"
        return host.length() > hostSuffix.length() && host.endsWith(hostSuffix);
    }

    /** A serialized origin, {@code scheme://host[:port]}, with the port defaulted and scheme and host lower-cased. */
    private record Origin(String scheme, String host, int port) {

        static Optional<Origin> parse(String text) {
            int separator = text.indexOf("://");
            if (separator < 0) {
                return Optional.empty();
            }
            String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
            int defaultPort = switch (scheme) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
            if (defaultPort < 0) {
                return Optional.empty();
            }
            String authority = text.substring(separator + 3);
            int portSeparator = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']'))
                    : authority.lastIndexOf(':');
            String host = portSeparator < 0 ? authority : authority.substring(0, portSeparator);
            int port = defaultPort;
            if (portSeparator >= 0) {
                port = parsePort(authority.substring(portSeparator + 1));
                if (port < 0) {
                    return Optional.empty();
                }
            }
            if (host.isEmpty() || host.indexOf('/') >= 0 || host.indexOf('?') >= 0 || host.indexOf('#') >= 0
                    || host.indexOf('@') >= 0) {
                return Optional.empty();
            }
            return Optional.of(new Origin(scheme, host.toLowerCase(Locale.ROOT), port));
        }

        /** 1 to 65535 in at most five digits, or -1. */
        private static int parsePort(String digits) {
            if (digits.isEmpty() || digits.length() > 5) {
                return -1;
            }
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                    return -1;
                }
            }
            int port = Integer.parseInt(digits);
            return port >= 1 && port <= 65535 ? port : -1;
        }
    }
}
