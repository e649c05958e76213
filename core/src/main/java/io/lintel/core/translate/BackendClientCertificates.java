package io.lintel.core.translate;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrRule;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the TLS backends of a Gateway's rules that Gateway's backend client certificate. A route attached to several
 * Gateways shares its rules between them, so a Gateway with a client certificate gets its own copies (one per rule,
 * kept on the Gateway so that all its listeners share them); without one the rules stay shared.
 */
final class BackendClientCertificates {

    static IrRule apply(GatewayState gateway, IrRule rule) {
        if (gateway.backendClientCertificate == null || !usesTls(rule)) {
            return rule;
        }
        return gateway.rulesWithClientCertificate.computeIfAbsent(rule, r -> new IrRule(r.name(), r.ruleName(),
                r.filters().stream().map(f -> new IrFilter(f.key(), f.spec(), withCertificate(gateway, f.backends())))
                        .toList(),
                withCertificate(gateway, r.backends()), r.directResponseStatus(), r.sessionPersistence()));
    }

    private static boolean usesTls(IrRule rule) {
        return rule.backends().stream().anyMatch(b -> b.tls().isPresent())
                || rule.filters().stream().anyMatch(f -> f.backends().stream().anyMatch(b -> b.tls().isPresent()));
    }

    private static List<IrBackend> withCertificate(GatewayState gateway, List<IrBackend> backends) {
        return backends.stream().map(b -> b.tls().isEmpty() ? b
                : b.withTls(b.tls().map(t -> t.withClientCertificate(gateway.backendClientCertificate)))).toList();
    }

    /** For the Gateway's map of copies: rules are compared by identity, as the compiler does. */
    static Map<IrRule, IrRule> newCopies() {
        return new IdentityHashMap<>();
    }

    private BackendClientCertificates() {}
}
