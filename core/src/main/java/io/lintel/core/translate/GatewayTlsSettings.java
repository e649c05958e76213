package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSPortConfig;
import io.lintel.spi.gateway.FrontendPortSpec;
import io.lintel.spi.gateway.FrontendValidationSpec;
import io.lintel.spi.gateway.GatewayTlsDescription;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.gateway.GatewayTlsSpec;
import io.lintel.spi.gateway.TrustAnchorRef;
import io.lintel.spi.kind.CertificateRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Gateway's {@code spec.tls} (client certificate validation of HTTPS listeners, backend client certificate) as the
 * gateway-tls plugin's {@link GatewayTlsExtension} describes it; without the plugin, what is set but not served, so
 * that core refuses it with a condition rather than serving it weaker.
 *
 * @param spec the fields as written
 * @param description what the extension made of them; empty without the plugin (or when nothing is set)
 */
record GatewayTlsSettings(GatewayTlsSpec spec, Optional<GatewayTlsDescription> description) {

    static final String PLUGIN = "gateway-tls";

    static final GatewayTlsSettings NONE = new GatewayTlsSettings(GatewayTlsSpec.NONE, Optional.empty());

    /** Reads {@code spec.tls} and, when it sets anything and the extension is loaded, asks the extension about it. */
    static GatewayTlsSettings of(Gateway gateway, Optional<GatewayTlsExtension> extension) {
        GatewayTlsSpec spec = read(gateway.getSpec() == null ? null : gateway.getSpec().getTls());
        if (spec.equals(GatewayTlsSpec.NONE)) {
            return NONE;
        }
        return new GatewayTlsSettings(spec, extension.map(e -> e.describe(spec)));
    }

    /** The message of what is set but not served without the plugin, starting with the field path. */
    static String unserved(String fieldPath, String feature) {
        return fieldPath + ": " + feature + " is not served: no loaded plugin implements it (expected: the " + PLUGIN
                + " plugin in the distribution's plugins directory)";
    }

    static GatewayTlsSpec read(GatewayTLSConfig tls) {
        if (tls == null) {
            return GatewayTlsSpec.NONE;
        }
        FrontendTLSConfig frontend = tls.getFrontend();
        Optional<FrontendValidationSpec> fallback = frontend == null || frontend.getDefault() == null
                ? Optional.empty() : validation(frontend.getDefault().getValidation());
        List<FrontendPortSpec> perPort = new ArrayList<>();
        if (frontend != null) {
            for (TLSPortConfig entry : frontend.getPerPort()) {
                if (entry.getPort() != null) { // required by the schema
                    perPort.add(new FrontendPortSpec(entry.getPort(),
                            entry.getTls() == null ? Optional.empty() : validation(entry.getTls().getValidation())));
                }
            }
        }
        SecretObjectReference ref = tls.getBackend() == null ? null : tls.getBackend().getClientCertificateRef();
        Optional<CertificateRef> backend = ref == null ? Optional.empty() : Optional.of(new CertificateRef(
                Objects.requireNonNullElse(ref.getGroup(), ""), Objects.requireNonNullElse(ref.getKind(), "Secret"),
                Optional.ofNullable(ref.getNamespace()).filter(ns -> !ns.isEmpty()), ref.getName()));
        return new GatewayTlsSpec(fallback, perPort, backend);
    }

    private static Optional<FrontendValidationSpec> validation(FrontendTLSValidation validation) {
        if (validation == null) {
            return Optional.empty();
        }
        List<TrustAnchorRef> refs = new ArrayList<>();
        for (ObjectReference ref : validation.getCaCertificateRefs()) {
            refs.add(new TrustAnchorRef(Objects.requireNonNullElse(ref.getGroup(), ""),
                    Objects.requireNonNullElse(ref.getKind(), ""),
                    Optional.ofNullable(ref.getNamespace()).filter(ns -> !ns.isEmpty()),
                    Objects.requireNonNullElse(ref.getName(), "")));
        }
        return Optional.of(new FrontendValidationSpec(refs, Optional.ofNullable(validation.getMode())));
    }
}
