package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter plugin built outside Lintel against nothing but {@code lintel-spi} ({@code src/it-plugin}, its own Maven
 * project), compiled here against the freshly built spi jar with {@code javax.tools} (so that no installed
 * {@code lintel-spi} is needed offline), its jar dropped into {@code plugins/it-stamp/} of a copy of the
 * distribution, and used by two rules of one route. Over real HTTP the backend sees that the plugin wrapped the head
 * (its headers arrive), kept per-rule state (each rule counts its own requests), read the body (its SHA-256 matches
 * the bytes the backend received, so the same bytes were forwarded), and was told how the previous exchange ended.
 */
class SpiV2PluginIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    static Path work;

    private static Path home;
    private static HttpServer echo;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws Exception {
        home = FileTrees.copy(LintelProcess.home(), work.resolve("lintel"));
        Path jar = buildPlugin(Files.createDirectories(home.resolve("plugins/it-stamp")).resolve("it-stamp.jar"));
        assertThat(jar).isRegularFile();

        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // answers with the stamps it got and the SHA-256 of the body it received, one "name: value" per line
        echo.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> seen = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-stamp-")) {
                    seen.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
                }
            });
            seen.put("received-sha256", sha256(body));
            StringBuilder answer = new StringBuilder();
            seen.forEach((name, value) -> answer.append(name).append(": ").append(value).append('\n'));
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        echo.start();

        gatewayPort = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        ConfigFiles.write(work, config, "20-services.yaml", Manifests.serviceWithEndpoint("echo", echo.getAddress().getPort()));
        ConfigFiles.write(work, config, "30-stamp.yaml", """
                apiVersion: it.lintel.io/v1
                kind: Stamp
                metadata:
                  name: stamp
                  namespace: default
                spec:
                  prefix: X-Stamp-
                """);
        // two rules with equal filters: each gets its own filter, so its own counter
        ConfigFiles.write(work, config, "40-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: stamped
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /one}
                      filters:
                        - type: ExtensionRef
                          extensionRef: {group: it.lintel.io, kind: Stamp, name: stamp}
                      backendRefs:
                        - {name: echo, port: 80}
                    - matches:
                        - path: {type: PathPrefix, value: /two}
                      filters:
                        - type: ExtensionRef
                          extensionRef: {group: it.lintel.io, kind: Stamp, name: stamp}
                      backendRefs:
                        - {name: echo, port: 80}
                """);
        lintel = LintelProcess.start(home, LOGS.resolve("SpiV2PluginIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), java.time.Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (lintel != null) {
            lintel.close();
        }
        if (echo != null) {
            echo.stop(0);
        }
    }

    @Test
    void aPluginBuiltAgainstTheSpiAloneWrapsHeadsKeepsPerRuleStateAndReadsBodies() throws Exception {
        awaitOrExplain(() -> assertThat(post("/one", "warm-up").statusCode()).isEqualTo(200));

        Map<String, String> first = stamps(post("/one", "hello"));
        assertThat(first.get("x-stamp-rule")).isEqualTo("stamped/0");
        assertThat(first.get("x-stamp-body-sha256")).isEqualTo(sha256("hello".getBytes(StandardCharsets.UTF_8)))
                .as("the backend received the bytes the filter read").isEqualTo(first.get("received-sha256"));
        // the warm-up was this rule's first request, and its end was told to the filter
        assertThat(first.get("x-stamp-previous")).isEqualTo("200/7");
        long count = Long.parseLong(first.get("x-stamp-count"));

        Map<String, String> second = stamps(post("/one", "a longer body, " + "x".repeat(5000)));
        assertThat(Long.parseLong(second.get("x-stamp-count"))).isEqualTo(count + 1);
        assertThat(second.get("x-stamp-body-sha256")).isEqualTo(second.get("received-sha256"));
        assertThat(second.get("x-stamp-previous")).isEqualTo("200/5");

        Map<String, String> other = stamps(post("/two", ""));
        assertThat(other.get("x-stamp-rule")).isEqualTo("stamped/1");
        assertThat(other.get("x-stamp-count")).as("the second rule counts its own requests").isEqualTo("1");
        assertThat(other.get("x-stamp-previous")).isEqualTo("none");
        assertThat(other.get("x-stamp-body-sha256")).isEqualTo(sha256(new byte[0]));

        // a chunked body (no length known up front) is read whole too, and forwarded as it was
        byte[] chunked = "streamed ".repeat(2000).getBytes(StandardCharsets.UTF_8);
        Map<String, String> streamed = stamps(ItHttp.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatewayPort + "/two")).POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(chunked)))));
        assertThat(streamed.get("x-stamp-count")).isEqualTo("2");
        assertThat(streamed.get("x-stamp-body-sha256")).isEqualTo(sha256(chunked)).isEqualTo(streamed.get("received-sha256"));
        assertThat(streamed.get("x-stamp-previous")).isEqualTo("200/0");

        // a feature name core has no constant for reaches GatewayClass supportedFeatures
        String status = ItHttp.get(URI.create("http://127.0.0.1:" + adminPort + "/status")).body();
        assertThat(status).contains("\"LintelItStamp\"");
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return ItHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Map<String, String> stamps(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> stamps = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                stamps.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return stamps;
    }

    /**
     * Compiles {@code src/it-plugin} against the spi jar alone and packs it with its service file: what
     * {@code mvn package} of that project makes, without needing lintel-spi in a repository.
     */
    private static Path buildPlugin(Path jar) throws IOException {
        Path project = Paths.get(System.getProperty("lintel.it.plugin", "src/it-plugin"));
        Path spi = Paths.get(System.getProperty("lintel.spi.jar", ""));
        assertThat(spi).as("the spi jar (system property lintel.spi.jar)").isRegularFile();
        Path classes = Files.createDirectories(work.resolve("it-plugin-classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK's compiler").isNotNull();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new java.util.ArrayList<>(List.of("--release", "17", "-classpath", spi.toString(),
                "-d", classes.toString()));
        boolean compiled = compiler.getTask(diagnostics, null, null, options, null,
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(sources))
                .call();
        assertThat(compiled).as("compiling the plugin against the spi alone:\n%s", diagnostics).isTrue();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            add(out, classes);
            add(out, project.resolve("src/main/resources"));
        }
        return jar;
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitOrExplain(ThrowingRunnable assertion) {
        lintel.awaitOrExplain(java.time.Duration.ofSeconds(30), assertion);
    }
}
