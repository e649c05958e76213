package io.lintel.plugin.filter.support.testing;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.HttpFilterFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The translator golden cases of one filter plugin: {@code src/test/resources/golden/*.in.yaml} →
 * {@code *.out.yaml}, translated with only that plugin's factory loaded (its features added to core's).
 */
public final class PluginGoldenFiles {

    private PluginGoldenFiles() {}

    public static Stream<DynamicTest> cases(String pluginName, HttpFilterFactory factory) {
        Set<GatewayFeature> features = new TreeSet<>(PluginRegistry.CORE_FEATURES);
        features.addAll(factory.features());
        PluginRegistry registry = new PluginRegistry(List.of(pluginName), Map.of(factory.key(), factory),
                Map.of(), List.of(), Map.of(), features);
        return GoldenFiles.cases(Path.of("src/test/resources/golden"), registry);
    }
}
