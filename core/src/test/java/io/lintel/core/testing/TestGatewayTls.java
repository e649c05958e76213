package io.lintel.core.testing;

import io.lintel.spi.GatewayFeature;
import io.lintel.spi.gateway.GatewayTlsDescription;
import io.lintel.spi.gateway.GatewayTlsExtension;
import io.lintel.spi.gateway.GatewayTlsSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Gateway TLS extension for core's data plane tests, standing in for the gateway-tls plugin's misdirected-request
 * detection (its {@code spec.tls} reading is the plugin's, tested there): detects misdirected requests and describes
 * every {@code spec.tls} as asking nothing.
 */
public final class TestGatewayTls implements GatewayTlsExtension {

    /** Detects misdirected requests. */
    public static final GatewayTlsExtension DETECT_MISDIRECTED = new TestGatewayTls();

    private TestGatewayTls() {}

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.GatewayHTTPSListenerDetectMisdirectedRequests);
    }

    @Override
    public GatewayTlsDescription describe(GatewayTlsSpec tls) {
        return new GatewayTlsDescription(Optional.empty(), Map.of(), Optional.empty(), List.of());
    }

    @Override
    public boolean detectsMisdirectedRequests() {
        return true;
    }
}
