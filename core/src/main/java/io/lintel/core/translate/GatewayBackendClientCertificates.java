package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;

/**
 * Resolves a Gateway's backend client certificate ({@code spec.tls.backend.clientCertificateRef}; Gateway API v1.2
 * spelled it {@code spec.backendTLS.clientCertificateRef}, which the decoder maps): the Secret it names is loaded like a
 * listener certificate and presented to backends that ask for a client certificate over TLS. An unusable reference
 * makes the Gateway {@code ResolvedRefs=False} ({@code InvalidClientCertificateRef}, or {@code RefNotPermitted} across
 * namespaces without a ReferenceGrant); the Gateway stays accepted and its backends are reached without a client
 * certificate.
 */
final class GatewayBackendClientCertificates {

    private final ListenerCertificates certificates;

    GatewayBackendClientCertificates(ListenerCertificates certificates) {
        this.certificates = certificates;
    }

    void resolve(GatewayState gateway) {
        GatewaySpec spec = gateway.resource.object().getSpec();
        SecretObjectReference ref = spec == null || spec.getTls() == null || spec.getTls().getBackend() == null
                ? null : spec.getTls().getBackend().getClientCertificateRef();
        if (ref == null) {
            return;
        }
        String path = "spec.tls.backend.clientCertificateRef: ";
        ListenerCertificates.Resolution resolution = certificates.resolve(gateway.namespace, ref);
        if (!resolution.resolved()) {
            String reason = resolution.reason().equals("RefNotPermitted") ? "RefNotPermitted" : "InvalidClientCertificateRef";
            gateway.resolvedRefs(false, reason, path + resolution.message());
        } else if (resolution.certificate() == null) {
            gateway.resolvedRefs(false, "InvalidClientCertificateRef", path + "no TLS plugin is loaded to read Secret "
                    + gateway.namespace + "/" + ref.getName());
        } else {
            gateway.backendClientCertificate = resolution.certificate();
            gateway.resolvedRefs(true, "ResolvedRefs", "the backend client certificate is resolved");
        }
    }
}
