package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReferenceBuilder;
import io.lintel.spi.kind.CertificateRef;

/**
 * Resolves a Gateway's backend client certificate ({@code spec.tls.backend.clientCertificateRef}; Gateway API v1.2
 * spelled it {@code spec.backendTLS.clientCertificateRef}, which the decoder maps), as the gateway-tls plugin describes
 * it: the Secret it names is loaded like a listener certificate and presented to backends that ask for a client
 * certificate over TLS. An unusable reference makes the Gateway {@code ResolvedRefs=False}
 * ({@code InvalidClientCertificateRef}, or {@code RefNotPermitted} across namespaces without a ReferenceGrant); the
 * Gateway stays accepted and its backends are reached without a client certificate. Without the plugin the reference
 * is not served: {@code ResolvedRefs=False} ({@code InvalidClientCertificateRef}) with a message naming the plugin.
 */
final class GatewayBackendClientCertificates {

    private static final String PATH = "spec.tls.backend.clientCertificateRef";

    private final ListenerCertificates certificates;

    GatewayBackendClientCertificates(ListenerCertificates certificates) {
        this.certificates = certificates;
    }

    void resolve(GatewayState gateway) {
        GatewayTlsSettings tls = gateway.tls;
        if (tls.spec().backendClientCertificate().isEmpty()) {
            return;
        }
        if (tls.description().isEmpty()) {
            gateway.resolvedRefs(false, "InvalidClientCertificateRef",
                    GatewayTlsSettings.unserved(PATH, "the backend client certificate"));
            return;
        }
        CertificateRef described = tls.description().get().backendClientCertificate().orElse(null);
        if (described == null) {
            return;
        }
        SecretObjectReference ref = new SecretObjectReferenceBuilder().withGroup(described.group())
                .withKind(described.kind()).withNamespace(described.namespace().orElse(null))
                .withName(described.name()).build();
        String path = PATH + ": ";
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
