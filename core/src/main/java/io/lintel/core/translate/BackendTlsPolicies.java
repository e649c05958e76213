package io.lintel.core.translate;

import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrSubjectAltName;
import io.lintel.core.translate.decode.BackendTlsPolicyObject;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.spi.policy.BackendTlsPolicyDescription;
import io.lintel.spi.policy.BackendTlsTarget;
import io.lintel.spi.policy.BackendTlsValidation;
import io.lintel.spi.policy.SubjectAltName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BackendTLSPolicies of a snapshot (GEP-1897), as their plugin describes them, matched to Service ports. A policy
 * targets a Service, or one port of it by {@code sectionName} (the port's name); a port-specific policy takes
 * precedence over one for the whole Service. Of two policies for the same target, the older one wins (creation time,
 * then namespace/name, GEP-713); the other is {@code Accepted=False Conflicted} for that target. A policy without a
 * usable trust anchor makes its backends fail rather than fall back to clear text. The plugin validated the documents
 * against the CRD; what is checked here depends on other objects or on what core supports (CA references, options).
 */
final class BackendTlsPolicies {

    /** What applies to one Service port: TLS settings, or a policy whose settings are unusable. */
    record Applied(Optional<IrBackendTls> tls, Optional<String> failure) {}

    /** What the translator found out about one policy. */
    static final class PolicyState {
        final DecodedResource<BackendTlsPolicyObject> resource;
        final String namespace;
        final String name;
        boolean accepted = true;
        String acceptedReason = "Accepted";
        String acceptedMessage = "BackendTLSPolicy is accepted";
        boolean resolvedRefs = true;
        String resolvedRefsReason = "ResolvedRefs";
        String resolvedRefsMessage = "all CA certificate references are resolved";
        IrBackendTls tls;
        /** {@code <namespace>/<service>} of each target Service. */
        final List<String> services = new ArrayList<>();

        PolicyState(DecodedResource<BackendTlsPolicyObject> resource) {
            this.resource = resource;
            this.namespace = ResourceIndex.namespaceOf(resource.document());
            this.name = resource.document().key().name();
        }

        void refuse(String reason, String message) {
            if (accepted) {
                accepted = false;
                acceptedReason = reason;
                acceptedMessage = message;
            }
        }

        void unresolved(String reason, String message) {
            if (resolvedRefs) {
                resolvedRefs = false;
                resolvedRefsReason = reason;
                resolvedRefsMessage = message;
            } else {
                resolvedRefsMessage += "; " + message;
            }
        }

        String key() {
            return namespace + "/" + name;
        }
    }

    static final BackendTlsPolicies NONE = new BackendTlsPolicies(List.of(), Map.of());

    private static final Comparator<PolicyState> OLDEST_FIRST = Comparator
            .comparing((PolicyState p) -> CreationTimestamps.of(p.resource.object()))
            .thenComparing(p -> p.namespace)
            .thenComparing(p -> p.name);

    private final List<PolicyState> policies;
    /** The winning policy by {@code <namespace>/<service>#<sectionName>} ({@code #} alone for the whole Service). */
    private final Map<String, PolicyState> byTarget;

    private BackendTlsPolicies(List<PolicyState> policies, Map<String, PolicyState> byTarget) {
        this.policies = policies;
        this.byTarget = byTarget;
    }

    static BackendTlsPolicies of(ResourceIndex index, Instant now) {
        List<PolicyState> policies = new ArrayList<>();
        index.backendTlsPolicies.forEach(p -> policies.add(new PolicyState(p)));
        policies.sort(OLDEST_FIRST);
        Map<String, PolicyState> byTarget = new HashMap<>();
        CaCertificates anchors = new CaCertificates(index, now);
        for (PolicyState policy : policies) {
            BackendTlsPolicyDescription description = policy.resource.object().policy();
            validate(policy, description, anchors);
            for (BackendTlsTarget target : description.targets()) {
                String service = policy.namespace + "/" + target.service();
                if (!policy.services.contains(service)) {
                    policy.services.add(service);
                }
                String key = service + "#" + target.sectionName();
                PolicyState winner = byTarget.putIfAbsent(key, policy);
                if (winner != null && winner != policy) {
                    policy.refuse("Conflicted", "BackendTLSPolicy " + winner.key() + " is older and targets "
                            + describe(key) + " too");
                }
            }
        }
        return new BackendTlsPolicies(List.copyOf(policies), Map.copyOf(byTarget));
    }

    private static String describe(String targetKey) {
        int hash = targetKey.indexOf('#');
        String service = "Service " + targetKey.substring(0, hash);
        return hash == targetKey.length() - 1 ? service : service + " port " + targetKey.substring(hash + 1);
    }

    private static void validate(PolicyState policy, BackendTlsPolicyDescription description, CaCertificates anchors) {
        TlsOptionKeys.Parsed options = TlsOptionKeys.parse(description.options(), description.optionsPath());
        if (!options.valid()) {
            policy.refuse("Invalid", options.problem());
            return;
        }
        BackendTlsValidation validation = description.validation();
        List<IrSubjectAltName> sans = validation.subjectAltNames().stream().map(BackendTlsPolicies::subjectAltName)
                .toList();
        if (validation.systemTrust()) {
            policy.tls = new IrBackendTls(policy.key(), validation.hostname(), sans, true, List.of(), "", List.of(),
                    Optional.empty(), options.options());
            return;
        }
        CaCertificates.Loaded loaded = anchors.load(policy.namespace, validation.caCertificateRefs(), policy);
        if (loaded.certificates().isEmpty()) {
            policy.refuse("NoValidCACertificate", "no usable CA certificate: " + policy.resolvedRefsMessage);
            return;
        }
        policy.tls = new IrBackendTls(policy.key(), validation.hostname(), sans, false, loaded.sources(),
                loaded.fingerprint(), loaded.certificates(), Optional.empty(), options.options());
    }

    private static IrSubjectAltName subjectAltName(SubjectAltName san) {
        return new IrSubjectAltName(san.type() == SubjectAltName.Type.URI ? IrSubjectAltName.Type.URI
                : IrSubjectAltName.Type.HOSTNAME, san.value());
    }

    /**
     * What applies to a port of a Service: the policy naming the port, else the one for the whole Service; empty when
     * none does.
     *
     * @param service {@code <namespace>/<name>}
     * @param portName the Service port's name ({@code ""} when unnamed)
     */
    Optional<Applied> forPort(String service, String portName) {
        PolicyState policy = portName.isEmpty() ? null : byTarget.get(service + "#" + portName);
        if (policy == null) {
            policy = byTarget.get(service + "#");
        }
        if (policy == null) {
            return Optional.empty();
        }
        if (policy.tls == null) {
            return Optional.of(new Applied(Optional.empty(), Optional.of("BackendTLSPolicy " + policy.key()
                    + " is not usable (" + policy.acceptedMessage + "); TLS to this backend cannot be established")));
        }
        return Optional.of(new Applied(Optional.of(policy.tls), Optional.empty()));
    }

    List<PolicyState> policies() {
        return policies;
    }
}
