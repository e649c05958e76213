package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * What a listener's {@code tls.options} or a BackendTLSPolicy's {@code spec.options} ask of the TLS handshake,
 * validated by the translator (see {@code TlsOptionKeys} for the keys).
 *
 * @param minimumVersion the lowest protocol version accepted, {@code "TLSv1.2"} or {@code "TLSv1.3"} (JSSE names);
 *     empty: the data plane's default (TLS 1.2)
 * @param cipherSuites the cipher suites offered, IANA names in order of preference; empty: the data plane's default
 */
public record IrTlsOptions(
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> minimumVersion,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cipherSuites) {

    public IrTlsOptions {
        requireNonNull(minimumVersion, "minimumVersion");
        cipherSuites = List.copyOf(requireNonNull(cipherSuites, "cipherSuites"));
    }
}
