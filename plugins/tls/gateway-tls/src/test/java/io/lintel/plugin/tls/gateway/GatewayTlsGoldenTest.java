package io.lintel.plugin.tls.gateway;

import io.lintel.plugin.route.support.testing.RouteGoldenFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Translator golden cases of client certificate validation ({@code *.in.yaml} → {@code *.out.yaml}; moved from core's
 * {@code golden/tls} when the Gateway-level TLS features became this plugin's), with this plugin loaded as core loads
 * it and core's test PEM loader for listener certificates. {@code -Dgolden.update=true} rewrites the out files for
 * review.
 */
class GatewayTlsGoldenTest {

    @TestFactory
    Stream<DynamicTest> goldenWithTls() {
        return RouteGoldenFiles.casesWithTls(Path.of("src/test/resources/golden-tls"));
    }
}
