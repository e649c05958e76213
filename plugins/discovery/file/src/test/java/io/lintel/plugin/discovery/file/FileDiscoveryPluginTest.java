package io.lintel.plugin.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.plugin.discovery.manifests.ManifestParser;
import io.lintel.spi.config.ConfigSourceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryPluginTest {

    private final FileConfigSourceFactory factory = new FileConfigSourceFactory();

    @Test
    void isFoundOnTheClassPathAndProvidesTheFileSource() {
        PluginRegistry registry = new PluginLoader(Map.of(), Runnable::run, Clock.systemUTC())
                .loadClassPath(FileDiscoveryPluginTest.class.getClassLoader());

        assertThat(registry.plugins()).contains("discovery-file");
        assertThat(registry.configSources()).containsKey("file");
        assertThat(registry.configSources().get("file")).isInstanceOf(FileConfigSourceFactory.class);
    }

    @Test
    void directorySettingIsRequired() {
        assertThatThrownBy(() -> factory.create(Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'directory'")
                .hasMessageContaining("missing");
    }

    @Test
    void directoryMustBeADirectory(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("file.yaml"), "");
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> factory.create(Map.of("directory", file.toString()), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'directory'")
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> factory.create(Map.of("directory", missing.toString()), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void rescanIntervalMustBePositive(@TempDir Path temp) {
        assertThatThrownBy(() -> factory.create(Map.of("directory", temp.toString(), "rescanIntervalMillis", "0"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rescanIntervalMillis");
    }

    @Test
    void limitsHaveProductionDefaultsAndSettings(@TempDir Path temp) {
        assertThat(FileConfigSourceFactory.limits(Map.of())).isEqualTo(FileLimits.DEFAULTS);
        assertThat(FileLimits.DEFAULTS.maxFileBytes()).isEqualTo(8L << 20);
        assertThat(FileLimits.DEFAULTS.parser()).isEqualTo(new ManifestParser.Limits(10_000, 64, 1 << 20, 100));

        FileLimits set = FileConfigSourceFactory.limits(Map.of("maxFileBytes", "16MiB", "maxDocuments", "50000",
                "maxNestingDepth", "32", "maxScalarBytes", "256 KiB", "maxAliases", "0"));
        assertThat(set).isEqualTo(new FileLimits(16L << 20, new ManifestParser.Limits(50_000, 32, 256 << 10, 0)));
        assertThat(FileConfigSourceFactory.limits(Map.of("maxFileBytes", "1000")).maxFileBytes()).isEqualTo(1000);
    }

    @Test
    void limitSettingsAreValidated(@TempDir Path temp) {
        for (Map.Entry<String, String> bad : Map.of("maxFileBytes", "0", "maxDocuments", "-1", "maxNestingDepth", "deep",
                "maxScalarBytes", "3GiB", "maxAliases", "-1").entrySet()) {
            assertThatThrownBy(() -> factory.create(Map.of("directory", temp.toString(), bad.getKey(), bad.getValue()), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad.getKey() + "'")
                    .hasMessageContaining(bad.getValue());
        }
    }
}
