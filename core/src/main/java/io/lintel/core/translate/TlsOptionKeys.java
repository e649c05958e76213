package io.lintel.core.translate;

import io.lintel.core.ir.IrTlsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates TLS options (Gateway API: implementation-specific, domain-prefixed keys) of a listener's
 * {@code tls.options} and of a BackendTLSPolicy's {@code spec.options}: the same keys mean the same on both sides of
 * the proxy, for the server handshake with clients and for the client handshake with backends. Lintel understands two
 * keys; any other key, or a value it cannot honour, is a problem naming the field and the key: the listener is
 * {@code Accepted=False} with reason {@code UnsupportedValue}, the policy {@code Accepted=False} with reason
 * {@code Invalid} (its backends then fail rather than speak TLS other than asked), so that a typo never silently
 * weakens TLS.
 *
 * <ul>
 *   <li>{@value #MIN_VERSION}: the lowest TLS version a client may negotiate (listener) or Lintel offers (backend), {@code "1.2"} (the default) or
 *       {@code "1.3"}.
 *   <li>{@value #CIPHER_SUITES}: the cipher suites offered, comma-separated IANA names in order of preference, from
 *       {@link #SUPPORTED_CIPHER_SUITES} (the AEAD suites with forward secrecy that HTTP/2 allows). With BoringSSL the
 *       TLS 1.3 suites are always enabled; the list then restricts the TLS 1.2 suites. With a minimum of 1.3 the list
 *       must name a TLS 1.3 suite.
 * </ul>
 */
final class TlsOptionKeys {

    static final String MIN_VERSION = "lintel.io/min-tls-version";
    static final String CIPHER_SUITES = "lintel.io/cipher-suites";

    static final Set<String> TLS13_CIPHER_SUITES = Set.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    static final List<String> SUPPORTED_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    static final String UNSUPPORTED_VALUE = "UnsupportedValue";

    /** Either the options (empty when none are set) or the problem, naming the key. */
    record Parsed(Optional<IrTlsOptions> options, String problem) {

        boolean valid() {
            return problem == null;
        }
    }

    private TlsOptionKeys() {}

    /** A listener's {@code tls.options}. */
    static Parsed parse(Map<String, String> options) {
        return parse(options, "tls.options");
    }

    /**
     * Options found at {@code field} (e.g. {@code spec.options} of a BackendTLSPolicy), which problems are prefixed
     * with.
     */
    static Parsed parse(Map<String, String> options, String field) {
        if (options == null || options.isEmpty()) {
            return new Parsed(Optional.empty(), null);
        }
        Optional<String> minimumVersion = Optional.empty();
        List<String> cipherSuites = List.of();
        // Sorted, so that of several bad keys the same one is always reported.
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String key = option.getKey();
            String value = option.getValue() == null ? "" : option.getValue().trim();
            switch (key) {
                case MIN_VERSION -> {
                    if (value.equals("1.2")) {
                        minimumVersion = Optional.of("TLSv1.2");
                    } else if (value.equals("1.3")) {
                        minimumVersion = Optional.of("TLSv1.3");
                    } else {
                        return problem(field, key, "'" + value + "' is not supported (expected: \"1.2\" or \"1.3\")");
                    }
                }
                case CIPHER_SUITES -> {
                    List<String> suites = new ArrayList<>();
                    for (String suite : value.split(",", -1)) {
                        String name = suite.trim();
                        if (!SUPPORTED_CIPHER_SUITES.contains(name)) {
                            return problem(field, key, (name.isEmpty() ? "an empty entry" : "'" + name + "'")
                                    + " is not a supported cipher suite (expected: a comma-separated list of "
                                    + String.join(", ", SUPPORTED_CIPHER_SUITES) + ")");
                        }
                        if (!suites.contains(name)) {
                            suites.add(name);
                        }
                    }
                    cipherSuites = List.copyOf(suites);
                }
                default -> {
                    return problem(field, key, "unknown option (supported: " + MIN_VERSION + ", " + CIPHER_SUITES + ")");
                }
            }
        }
        if (minimumVersion.equals(Optional.of("TLSv1.3")) && !cipherSuites.isEmpty()
                && cipherSuites.stream().noneMatch(TLS13_CIPHER_SUITES::contains)) {
            return problem(field, CIPHER_SUITES, "names no TLS 1.3 cipher suite, but " + MIN_VERSION
                    + " is 1.3 (expected: at least one of " + String.join(", ", TLS13_CIPHER_SUITES.stream().sorted().toList()) + ")");
        }
        return new Parsed(Optional.of(new IrTlsOptions(minimumVersion, cipherSuites)), null);
    }

    private static Parsed problem(String field, String key, String message) {
        return new Parsed(Optional.empty(), field + "[" + key + "]: " + message);
    }
}
