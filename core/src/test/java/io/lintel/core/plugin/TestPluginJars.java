package io.lintel.core.plugin;

import io.lintel.spi.LintelPlugin;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars at test time: compiles Java sources against the SPI only, so their classes exist nowhere on the
 * test class path, and packs them into jars with a {@code META-INF/services} entry.
 */
final class TestPluginJars {

    private TestPluginJars() {}

    /** Compiles {@code sources} (class name → source) into {@code classes}. */
    static void compile(Path classes, Map<String, String> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> (JavaFileObject) new SourceString(e.getKey(), e.getValue()))
                .toList();
        Files.createDirectories(classes);
        StringWriter errors = new StringWriter();
        List<String> options = List.of("--release", "17", "-d", classes.toString(),
                "-classpath", PluginLoader.locationOf(LintelPlugin.class));
        if (!compiler.getTask(errors, null, null, options, null, units).call()) {
            throw new IllegalStateException("test plugin sources do not compile:\n" + errors);
        }
    }

    /**
     * Packs the classes under {@code classes/<packagePath>} into {@code jar}, listing {@code provider} (may be null) as
     * a {@link LintelPlugin}.
     */
    static Path jar(Path jar, Path classes, String packagePath, String provider) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes.resolve(packagePath))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (provider != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + LintelPlugin.class.getName()));
                out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static final class SourceString extends SimpleJavaFileObject {

        private final String source;

        SourceString(String className, String source) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }
}
