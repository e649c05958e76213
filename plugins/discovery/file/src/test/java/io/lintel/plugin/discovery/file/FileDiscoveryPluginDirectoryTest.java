package io.lintel.plugin.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.plugin.PluginLoader;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.store.ResourceStore;
import io.lintel.plugin.discovery.manifests.ManifestParser;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceKey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

/**
 * The plugin as the distribution ships it: its own directory with its jar, the shared manifest library and
 * snakeyaml-engine, in its own class loader.
 */
class FileDiscoveryPluginDirectoryTest {

    @Test
    void servesManifestsFromItsOwnClassLoader(@TempDir Path plugins, @TempDir Path manifests) throws Exception {
        Path pluginDirectory = Files.createDirectories(plugins.resolve("discovery-file"));
        jar(codeSource(FileDiscoveryPlugin.class), pluginDirectory.resolve("lintel-discovery-file.jar"));
        copyOrJar(codeSource(ManifestParser.class), pluginDirectory.resolve("lintel-discovery-manifests.jar"));
        Files.copy(codeSource(Compose.class), pluginDirectory.resolve("snakeyaml-engine.jar"));
        Files.writeString(manifests.resolve("svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: isolated}\n");

        PluginRegistry registry = new PluginLoader(Map.of(), Runnable::run, Clock.systemUTC()).loadDirectory(plugins);
        assertThat(registry.plugins()).containsExactly("discovery-file");
        assertThat(registry.configSources().get("file").getClass()).isNotEqualTo(FileConfigSourceFactory.class);

        try (ResourceStore store = new ResourceStore(snapshot -> { }, Duration.ofMillis(10));
                ConfigSource source = registry.configSources().get("file")
                        .create(Map.of("directory", manifests.toString()), null)) {
            source.start(store.sinkFor("file"));
            await().until(() -> store.current().documents().containsKey(new ResourceKey("", "Service", "default", "isolated")));
            assertThat(source.describe()).isEqualTo("watching " + manifests + " (1 files)");
        }
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** In the reactor a sibling module's code is its classes directory; from a repository it is a jar. */
    private static void copyOrJar(Path codeSource, Path jar) throws IOException {
        if (Files.isDirectory(codeSource)) {
            jar(codeSource, jar);
        } else {
            Files.copy(codeSource, jar);
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
