package io.lintel.plugin.tls.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.LintelPlugin;
import io.lintel.spi.gateway.ClientValidation;
import io.lintel.spi.gateway.ClientValidationMode;
import io.lintel.spi.gateway.FrontendPortSpec;
import io.lintel.spi.gateway.FrontendValidationSpec;
import io.lintel.spi.gateway.GatewayTlsDescription;
import io.lintel.spi.gateway.GatewayTlsSpec;
import io.lintel.spi.gateway.TrustAnchorRef;
import io.lintel.spi.kind.CertificateRef;
import io.lintel.spi.kind.FieldViolation;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GatewayTlsTest {

    private static final TrustAnchorRef CA = new TrustAnchorRef("", "ConfigMap", Optional.empty(), "ca");
    private static final TrustAnchorRef OTHER = new TrustAnchorRef("", "Secret", Optional.of("certs"), "other");

    private final GatewayTls tls = new GatewayTls();

    private static FrontendValidationSpec validation(TrustAnchorRef ref, String mode) {
        return new FrontendValidationSpec(List.of(ref), Optional.ofNullable(mode));
    }

    @Test
    void theServiceLoaderFindsThePluginWithItsFourFeatures() {
        LintelPlugin plugin = ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("gateway-tls")).findFirst().orElseThrow();
        assertThat(plugin.gatewayTlsExtensions(null)).singleElement().satisfies(extension -> {
            assertThat(extension.features()).containsExactlyInAnyOrder(
                    GatewayFeature.GatewayFrontendClientCertificateValidation,
                    GatewayFeature.GatewayFrontendClientCertificateValidationInsecureFallback,
                    GatewayFeature.GatewayHTTPSListenerDetectMisdirectedRequests,
                    GatewayFeature.GatewayBackendClientCertificate);
            assertThat(extension.detectsMisdirectedRequests()).isTrue();
        });
    }

    @Test
    void aPortTakesTheFirstPerPortEntryWithAValidationElseTheDefault() {
        GatewayTlsDescription description = tls.describe(new GatewayTlsSpec(Optional.of(validation(CA, null)),
                List.of(new FrontendPortSpec(8443, Optional.empty()),
                        new FrontendPortSpec(8443, Optional.of(validation(OTHER, "AllowInsecureFallback"))),
                        new FrontendPortSpec(8443, Optional.of(validation(CA, "AllowValidOnly")))),
                Optional.empty()));

        assertThat(description.violations()).isEmpty();
        assertThat(description.frontendValidation(443)).contains(new ClientValidation(
                "spec.tls.frontend.default.validation", List.of(CA), ClientValidationMode.AllowValidOnly));
        assertThat(description.frontendValidation(8443)).contains(new ClientValidation(
                "spec.tls.frontend.perPort[1].tls.validation", List.of(OTHER),
                ClientValidationMode.AllowInsecureFallback));
    }

    @Test
    void withoutDefaultOnlyListedPortsAreValidated() {
        GatewayTlsDescription description = tls.describe(new GatewayTlsSpec(Optional.empty(),
                List.of(new FrontendPortSpec(9443, Optional.of(validation(CA, null)))), Optional.empty()));

        assertThat(description.frontendValidation(443)).isEmpty();
        assertThat(description.frontendValidation(9443)).map(ClientValidation::mode)
                .contains(ClientValidationMode.AllowValidOnly);
    }

    @Test
    void anUnknownModeIsAViolationNotAGuess() {
        GatewayTlsDescription description = tls.describe(new GatewayTlsSpec(
                Optional.of(validation(CA, "AllowAnything")), List.of(), Optional.empty()));

        assertThat(description.violations()).containsExactly(new FieldViolation(
                "spec.tls.frontend.default.validation.mode",
                "unsupported value \"AllowAnything\" (expected: AllowValidOnly or AllowInsecureFallback)"));
    }

    @Test
    void theBackendClientCertificateIsPresentedAsWritten() {
        CertificateRef ref = new CertificateRef("", "Secret", Optional.empty(), "gateway-client");
        assertThat(tls.describe(new GatewayTlsSpec(Optional.empty(), List.of(), Optional.of(ref)))
                .backendClientCertificate()).contains(ref);
    }
}
