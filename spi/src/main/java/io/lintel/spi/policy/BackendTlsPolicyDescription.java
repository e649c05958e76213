package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What a backend TLS policy asks for ({@link BackendTlsPolicyKind#describe}): the same TLS settings for every Service
 * port it targets.
 *
 * @param targets the Service ports the policy applies to, in the order of its {@code targetRefs}; references to kinds
 *     other than core Services are left out (other implementations may interpret them)
 * @param validation how the backend's certificate is checked and which name is asked for
 * @param options the TLS options as written (implementation-specific, domain-prefixed keys); core checks them with the
 *     keys and meanings of a listener's {@code tls.options}, an unknown key or value making the policy
 *     {@code Accepted=False} with reason {@code Invalid}
 * @param optionsPath where the options are in the document, e.g. {@code spec.options}, for the messages about them
 */
public record BackendTlsPolicyDescription(List<BackendTlsTarget> targets, BackendTlsValidation validation,
        Map<String, String> options, String optionsPath) {

    public BackendTlsPolicyDescription {
        targets = List.copyOf(requireNonNull(targets, "targets"));
        requireNonNull(validation, "validation");
        options = Map.copyOf(requireNonNull(options, "options"));
        requireNonNull(optionsPath, "optionsPath");
    }
}
