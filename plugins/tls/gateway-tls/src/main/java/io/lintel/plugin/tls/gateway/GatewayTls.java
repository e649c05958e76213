package io.lintel.plugin.tls.gateway;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.gateway.ClientValidation;
import io.lintel.spi.gateway.ClientValidationMode;
import io.lintel.spi.gateway.FrontendPortSpec;
import io.lintel.spi.gateway.FrontendValidationSpec;
import io.lintel.spi.gateway.GatewayTlsDescription;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.gateway.GatewayTlsSpec;
import io.lintel.spi.kind.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Gateway's {@code spec.tls} as Gateway API specifies it (GEP-91, GEP-3155, GEP-3567):
 * <ul>
 *   <li>an HTTPS listener is validated as the first {@code frontend.perPort} entry of its port with a
 *       {@code tls.validation} says, else as {@code frontend.default.validation};</li>
 *   <li>{@code mode} left out is {@code AllowValidOnly}; a mode this plugin does not know is a violation (the CRD
 *       allows only the two, so a newer API's mode is refused rather than guessed);</li>
 *   <li>{@code backend.clientCertificateRef} is presented to backends as written;</li>
 *   <li>misdirected requests are detected.</li>
 * </ul>
 */
final class GatewayTls implements GatewayTlsExtension {

    private static final Set<GatewayFeature> FEATURES = Set.of(
            GatewayFeature.GatewayFrontendClientCertificateValidation,
            GatewayFeature.GatewayFrontendClientCertificateValidationInsecureFallback,
            GatewayFeature.GatewayHTTPSListenerDetectMisdirectedRequests,
            GatewayFeature.GatewayBackendClientCertificate);

    private static final String FRONTEND = "spec.tls.frontend.";

    @Override
    public Set<GatewayFeature> features() {
        return FEATURES;
    }

    @Override
    public GatewayTlsDescription describe(GatewayTlsSpec tls) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<ClientValidation> fallback = tls.frontendDefault()
                .map(v -> validation(FRONTEND + "default.validation", v, violations));
        Map<Integer, ClientValidation> perPort = new LinkedHashMap<>();
        List<FrontendPortSpec> entries = tls.frontendPerPort();
        for (int i = 0; i < entries.size(); i++) {
            FrontendPortSpec entry = entries.get(i);
            if (entry.validation().isPresent() && !perPort.containsKey(entry.port())) {
                perPort.put(entry.port(), validation(FRONTEND + "perPort[" + i + "].tls.validation",
                        entry.validation().get(), violations));
            }
        }
        return new GatewayTlsDescription(fallback, perPort, tls.backendClientCertificate(), violations);
    }

    @Override
    public boolean detectsMisdirectedRequests() {
        return true;
    }

    private static ClientValidation validation(String path, FrontendValidationSpec spec, List<FieldViolation> violations) {
        String mode = spec.mode().orElse(ClientValidationMode.AllowValidOnly.name());
        ClientValidationMode parsed;
        if (mode.equals(ClientValidationMode.AllowInsecureFallback.name())) {
            parsed = ClientValidationMode.AllowInsecureFallback;
        } else {
            parsed = ClientValidationMode.AllowValidOnly;
            if (!mode.equals(ClientValidationMode.AllowValidOnly.name())) {
                violations.add(new FieldViolation(path + ".mode", "unsupported value \"" + mode
                        + "\" (expected: AllowValidOnly or AllowInsecureFallback)"));
            }
        }
        return new ClientValidation(path, spec.caCertificateRefs(), parsed);
    }
}
