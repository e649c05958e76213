package io.lintel.plugin.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.tls.TlsMaterialLoader;
import io.lintel.testkit.FakePluginContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PemTlsPluginTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(LintelPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(PemTlsPlugin.class);
    }

    @Test
    void providesOnlyThePemLoaderAndNoFeature() {
        PemTlsPlugin plugin = new PemTlsPlugin();

        assertThat(plugin.name()).isEqualTo("tls-pem");
        assertThat(plugin.features()).isEmpty();
        assertThat(plugin.filterFactories(FakePluginContext.of("tls-pem").withClock(Clock.systemUTC()))).isEmpty();
        assertThat(plugin.configSources(FakePluginContext.of("tls-pem").withClock(Clock.systemUTC()))).isEmpty();
        assertThat(plugin.tlsMaterialLoaders(FakePluginContext.of("tls-pem").withClock(Clock.systemUTC())))
                .singleElement().extracting(TlsMaterialLoader::name).isEqualTo("pem");
    }

    @Test
    void loaderReadsTimeFromTheContextClock() {
        SelfSignedCertificate generated = SelfSignedCertificates.generate(
                SelfSignedCertificates.Request.of(List.of("localhost"), List.of()).withValidityDays(1));
        Clock twoDaysLater = Clock.fixed(Instant.now().plusSeconds(2 * 86_400), ZoneOffset.UTC);
        TlsMaterialLoader loader = new PemTlsPlugin().tlsMaterialLoaders(FakePluginContext.of("tls-pem").withClock(twoDaysLater)).get(0);

        assertThatThrownBy(() -> loader.load(TestPki.secretData(generated.certificatePem(), generated.privateKeyPem())))
                .hasMessageContaining("expired at");
    }

}
