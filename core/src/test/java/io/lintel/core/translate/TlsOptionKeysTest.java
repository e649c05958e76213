package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrTlsOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsOptionKeysTest {

    @Test
    void noOptionsMeanTheDefaults() {
        assertThat(TlsOptionKeys.parse(null)).isEqualTo(new TlsOptionKeys.Parsed(Optional.empty(), null));
        assertThat(TlsOptionKeys.parse(Map.of()).options()).isEmpty();
    }

    @Test
    void parsesTheVersionAndTheSuitesInOrderWithoutDuplicates() {
        TlsOptionKeys.Parsed parsed = TlsOptionKeys.parse(Map.of(
                "lintel.io/min-tls-version", " 1.2 ",
                "lintel.io/cipher-suites", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));

        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.options()).contains(new IrTlsOptions(Optional.of("TLSv1.2"),
                List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")));
    }

    @Test
    void problemsNameTheKey() {
        assertThat(TlsOptionKeys.parse(Map.of("lintel.io/min-tls-version", "1.4")).problem())
                .startsWith("tls.options[lintel.io/min-tls-version]: '1.4' is not supported");
        assertThat(TlsOptionKeys.parse(Map.of("lintel.io/cipher-suites", "")).problem())
                .startsWith("tls.options[lintel.io/cipher-suites]: an empty entry");
        assertThat(TlsOptionKeys.parse(Map.of("lintel.io/min-tls-version", "1.3", "lintel.io/minimum", "x")).problem())
                .startsWith("tls.options[lintel.io/minimum]: unknown option");
    }
}
