package io.lintel.plugin.filter.cors;

import io.lintel.plugin.filter.support.testing.PluginGoldenFiles;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The translator with this plugin loaded: {@code src/test/resources/golden/*.in.yaml} → {@code *.out.yaml}. */
class CorsGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        return PluginGoldenFiles.cases("cors", new CorsFilterFactory());
    }
}
