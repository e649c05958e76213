package io.lintel.plugin.filter.extauth;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.spi.GatewayFeature;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The translator with this plugin loaded: {@code src/test/resources/golden/*.in.yaml} → {@code *.out.yaml}. */
class ExternalAuthGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        ExternalAuthFilterFactory factory = new ExternalAuthFilterFactory(ExternalAuthSettings.DEFAULTS,
                Clock.systemUTC());
        Set<GatewayFeature> features = new TreeSet<>(PluginRegistry.CORE_FEATURES);
        PluginRegistry registry = new PluginRegistry(List.of("external-auth"), Map.of(factory.key(), factory),
                Map.of(), List.of(), Map.of(), features);
        return GoldenFiles.cases(Path.of("src/test/resources/golden"), registry);
    }
}
