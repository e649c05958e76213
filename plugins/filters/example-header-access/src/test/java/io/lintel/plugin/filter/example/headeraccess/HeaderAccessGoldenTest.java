package io.lintel.plugin.filter.example.headeraccess;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The translator with this plugin loaded: {@code src/test/resources/golden/*.in.yaml} → {@code *.out.yaml}. */
class HeaderAccessGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        HeaderAccessFilterFactory factory = new HeaderAccessFilterFactory();
        PluginRegistry registry = new PluginRegistry(List.of("example-header-access"), Map.of(factory.key(), factory),
                Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        return GoldenFiles.cases(Path.of("src/test/resources/golden"), registry);
    }
}
