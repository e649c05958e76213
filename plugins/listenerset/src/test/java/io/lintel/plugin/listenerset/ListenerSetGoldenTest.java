package io.lintel.plugin.listenerset;

import io.lintel.plugin.route.support.testing.RouteGoldenFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Translator golden cases of ListenerSets ({@code *.in.yaml} → {@code *.out.yaml}; moved from core's
 * {@code golden/core} and {@code golden/tls} when the kind became this plugin's), with this plugin loaded as core loads
 * it; {@code golden-tls} with core's test PEM loader, as core's TLS cases. {@code -Dgolden.update=true} rewrites the
 * out files for review.
 */
class ListenerSetGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        return RouteGoldenFiles.cases(Path.of("src/test/resources/golden"));
    }

    @TestFactory
    Stream<DynamicTest> goldenWithTls() {
        return RouteGoldenFiles.casesWithTls(Path.of("src/test/resources/golden-tls"));
    }
}
