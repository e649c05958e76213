package io.lintel.plugin.route.golden;

import io.lintel.plugin.route.support.testing.RouteGoldenFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Translator golden cases of TLSRoutes, TCPRoutes and UDPRoutes ({@code *.in.yaml} → {@code *.out.yaml}) with the
 * route-tls, route-tcp and route-udp plugins loaded; {@code -Dgolden.update=true} rewrites the out files for review.
 */
class RouteKindsGoldenTest {

    /** Without a TLS loader (as core's own {@code golden/core} cases). */
    @TestFactory
    Stream<DynamicTest> golden() {
        return RouteGoldenFiles.cases(Path.of("src/test/resources/golden"));
    }

    /** With core's test PEM loader for listener certificates (as core's own {@code golden/tls} cases). */
    @TestFactory
    Stream<DynamicTest> goldenWithTls() {
        return RouteGoldenFiles.casesWithTls(Path.of("src/test/resources/golden-tls"));
    }
}
