package io.lintel.core.translate;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.testing.TestTls;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class GoldenTranslationTest {

    @TestFactory
    Stream<DynamicTest> coreOnly() {
        return GoldenFiles.cases(Path.of("src/test/resources/golden/core"), PluginRegistry.EMPTY);
    }

    @TestFactory
    Stream<DynamicTest> withTlsLoader() {
        return GoldenFiles.cases(Path.of("src/test/resources/golden/tls"), TestTls.REGISTRY);
    }

    @TestFactory
    Stream<DynamicTest> withFakeFilters() {
        return GoldenFiles.cases(Path.of("src/test/resources/golden/fake-filters"), FakeFilters.REGISTRY);
    }

    @TestFactory
    Stream<DynamicTest> withFakePolicies() {
        return GoldenFiles.cases(Path.of("src/test/resources/golden/policies"), FakePolicies.REGISTRY);
    }
}
