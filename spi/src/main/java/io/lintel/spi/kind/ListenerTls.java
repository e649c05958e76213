package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener's {@code tls} ({@code GatewayTLSConfig}).
 *
 * @param mode {@code Terminate} (the default) or {@code Passthrough}
 * @param certificateRefs {@code certificateRefs}, in order; core resolves them (a core Secret of type
 *     {@code kubernetes.io/tls}, a ReferenceGrant from the declaring kind when it is in another namespace)
 * @param options {@code options}; a key written without a value has the empty value
 */
public record ListenerTls(String mode, List<CertificateRef> certificateRefs, Map<String, String> options) {

    public ListenerTls {
        requireNonNull(mode, "mode");
        certificateRefs = List.copyOf(requireNonNull(certificateRefs, "certificateRefs"));
        // in the document's order, which messages about the entries follow
        options = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(options, "options")));
    }
}
