package io.lintel.plugin.policy.backendtls;

import io.lintel.plugin.route.support.testing.RouteGoldenFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Translator golden cases of BackendTLSPolicies ({@code *.in.yaml} → {@code *.out.yaml}; moved from core's
 * {@code golden/tls} when the kind became this plugin's), with this plugin loaded as core loads it and core's test PEM
 * loader (as core's TLS cases); {@code -Dgolden.update=true} rewrites the out files for review.
 */
class BackendTlsPolicyGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        return RouteGoldenFiles.casesWithTls(Path.of("src/test/resources/golden"));
    }
}
