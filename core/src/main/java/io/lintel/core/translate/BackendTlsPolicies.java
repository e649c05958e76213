package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName;
import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrSubjectAltName;
import io.lintel.core.translate.decode.DecodedResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The BackendTLSPolicies of a snapshot (GEP-1897; {@code v1alpha3} as in Gateway API v1.2 and {@code v1}), validated
 * and matched to Service ports. A policy targets a Service, or one port of it by {@code sectionName} (the port's
 * name); a port-specific policy takes precedence over one for the whole Service. Of two policies for the same target,
 * the older one wins (creation time, then namespace/name, GEP-713); the other is {@code Accepted=False Conflicted}
 * for that target. A policy without a usable trust anchor makes its backends fail rather than fall back to clear
 * text.
 */
final class BackendTlsPolicies {

    /** What applies to one Service port: TLS settings, or a policy whose settings are unusable. */
    record Applied(Optional<IrBackendTls> tls, Optional<String> failure) {}

    /** What the translator found out about one policy. */
    static final class PolicyState {
        final DecodedResource<BackendTLSPolicy> resource;
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

        PolicyState(DecodedResource<BackendTLSPolicy> resource) {
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
            BackendTLSPolicySpec spec = policy.resource.object().getSpec();
            if (spec == null) {
                policy.refuse("Invalid", "spec is required");
                continue;
            }
            validate(policy, spec, anchors);
            for (LocalPolicyTargetReferenceWithSectionName target : spec.getTargetRefs()) {
                if (!Objects.requireNonNullElse(target.getGroup(), "").isEmpty()
                        || !"Service".equals(target.getKind())) {
                    continue; // not ours to interpret: other kinds may be targeted by other implementations
                }
                String service = policy.namespace + "/" + target.getName();
                if (!policy.services.contains(service)) {
                    policy.services.add(service);
                }
                String key = service + "#" + Objects.requireNonNullElse(target.getSectionName(), "");
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

    private static void validate(PolicyState policy, BackendTLSPolicySpec spec, CaCertificates anchors) {
        TlsOptionKeys.Parsed options = TlsOptionKeys.parse(spec.getOptions(), "spec.options");
        if (!options.valid()) {
            policy.refuse("Invalid", options.problem());
            return;
        }
        BackendTLSPolicyValidation validation = spec.getValidation();
        if (validation == null || validation.getHostname() == null || validation.getHostname().isEmpty()) {
            policy.refuse("Invalid", "spec.validation.hostname is required");
            return;
        }
        List<IrSubjectAltName> sans = new ArrayList<>();
        for (int i = 0; i < validation.getSubjectAltNames().size(); i++) {
            SubjectAltName san = validation.getSubjectAltNames().get(i);
            String path = "spec.validation.subjectAltNames[" + i + "]";
            if ("Hostname".equals(san.getType()) && san.getHostname() != null && !san.getHostname().isEmpty()) {
                sans.add(new IrSubjectAltName(IrSubjectAltName.Type.HOSTNAME, san.getHostname()));
            } else if ("URI".equals(san.getType()) && san.getUri() != null && !san.getUri().isEmpty()) {
                sans.add(new IrSubjectAltName(IrSubjectAltName.Type.URI, san.getUri()));
            } else {
                policy.refuse("Invalid", path + ": type " + san.getType()
                        + " (expected: Hostname with hostname set, or URI with uri set)");
                return;
            }
        }
        String wellKnown = validation.getWellKnownCACertificates();
        List<LocalObjectReference> refs = validation.getCaCertificateRefs();
        if (wellKnown != null && !wellKnown.isEmpty()) {
            if (!refs.isEmpty()) {
                policy.refuse("Invalid", "spec.validation: caCertificateRefs and wellKnownCACertificates are mutually"
                        + " exclusive (expected: exactly one)");
                return;
            }
            if (!wellKnown.equals("System")) {
                policy.refuse("Invalid", "spec.validation.wellKnownCACertificates: unsupported value " + wellKnown
                        + " (expected: System)");
                return;
            }
            policy.tls = new IrBackendTls(policy.key(), validation.getHostname(), sans, true, List.of(), "", List.of(),
                    Optional.empty(), options.options());
            return;
        }
        if (refs.isEmpty()) {
            policy.refuse("Invalid", "spec.validation: one of caCertificateRefs or wellKnownCACertificates is required");
            return;
        }
        CaCertificates.Loaded loaded = anchors.load(policy.namespace, refs, policy);
        if (loaded.certificates().isEmpty()) {
            policy.refuse("NoValidCACertificate", "no usable CA certificate: " + policy.resolvedRefsMessage);
            return;
        }
        policy.tls = new IrBackendTls(policy.key(), validation.getHostname(), sans, false, loaded.sources(),
                loaded.fingerprint(), loaded.certificates(), Optional.empty(), options.options());
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
