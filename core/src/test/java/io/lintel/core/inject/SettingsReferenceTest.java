package io.lintel.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.Http2FloodLimits;
import io.lintel.core.udp.UdpSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped settings file and the table of docs/hardening.md are rendered from {@link KnownSettings}; this test
 * fails when they differ ({@code -Dsettings.update=true} rewrites them for review), and checks that the defaults
 * declared there are the ones the code uses.
 */
class SettingsReferenceTest {

    /** Relative to the core module, where surefire runs. */
    private static final Path SHIPPED = Path.of("../distribution/src/conf/lintel.yaml");
    private static final Path DOC = Path.of("../docs/hardening.md");
    private static final String BEGIN = "<!-- settings:begin (rendered by SettingsReference; SettingsReferenceTest) -->\n";
    private static final String END = "<!-- settings:end -->";
    private static final boolean UPDATE = Boolean.getBoolean("settings.update");

    @Test
    void theShippedSettingsFileListsEverySetting() throws Exception {
        String rendered = SettingsReference.settingsFile();
        if (UPDATE) {
            Files.writeString(SHIPPED, rendered);
        }
        assertThat(Files.readString(SHIPPED, StandardCharsets.UTF_8))
                .as("%s (rewrite with -Dsettings.update=true)", SHIPPED).isEqualTo(rendered);
        // as shipped it sets nothing; every line uncommented, it sets every default and is valid
        assertThat(SettingsFile.parse(SHIPPED, rendered, SettingsCatalog.core()).properties()).isEmpty();
        String uncommented = rendered.lines().filter(line -> line.matches("#[a-zA-Z].*"))
                .map(line -> line.substring(1)).collect(Collectors.joining("\n"));
        assertThat(SettingsFile.parse(SHIPPED, uncommented, SettingsCatalog.core()).properties())
                .hasSize(KnownSettings.all().size());
    }

    @Test
    void theDocumentationTableListsEverySetting() throws Exception {
        String rendered = SettingsReference.markdownTable();
        if (UPDATE) {
            String doc = Files.readString(DOC, StandardCharsets.UTF_8);
            Files.writeString(DOC, doc.substring(0, doc.indexOf(BEGIN) + BEGIN.length()) + rendered
                    + doc.substring(doc.indexOf(END)));
        }
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("%s has the marker %s", DOC, BEGIN).isNotNegative();
        assertThat(doc.substring(begin + BEGIN.length(), end))
                .as("%s (rewrite with -Dsettings.update=true)", DOC).isEqualTo(rendered);
    }

    @Test
    void theDeclaredDefaultsAreTheCodesDefaults() {
        Map<String, String> declared = KnownSettings.all().stream()
                .collect(Collectors.toMap(Setting::property, Setting::defaultValue));
        DataPlaneSettings data = DataPlaneSettings.DEFAULTS;
        Http2FloodLimits http2 = Http2FloodLimits.DEFAULTS;
        Function<String, String> value = declared::get;
        // no -Dlintel.* is set in tests, so DEFAULTS holds the code's own defaults
        Properties none = System.getProperties();
        assertThat(none.stringPropertyNames()).noneMatch(name -> declared.containsKey(name));

        assertThat(value.apply(DataPlaneSettings.REQUEST_HEAD_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(data.requestHeadTimeout().toSeconds()));
        assertThat(value.apply(DataPlaneSettings.REQUEST_BODY_IDLE_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(data.requestBodyIdleTimeout().toSeconds()));
        assertThat(value.apply(DataPlaneSettings.DEFAULT_REQUEST_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(data.defaultRequestTimeout().toSeconds()));
        assertThat(value.apply(DataPlaneSettings.MAX_CONNECTIONS_PER_LISTENER_PROPERTY))
                .isEqualTo(Integer.toString(data.maxConnectionsPerListener()));
        assertThat(value.apply(DataPlaneSettings.MAX_BUFFERED_REQUEST_BODY_PROPERTY))
                .isEqualTo(Integer.toString(ProxyContext.DEFAULT_MAX_BUFFERED_REQUEST_BODY))
                .isEqualTo(Integer.toString(data.maxBufferedRequestBody()));
        assertThat(value.apply(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY))
                .isEqualTo(Long.toString(data.maxMirrorPendingBytes()));
        assertThat(value.apply(DataPlaneSettings.MAX_LINE_BYTES_PROPERTY))
                .isEqualTo(Integer.toString(data.maxInitialLineLength()));
        assertThat(value.apply(DataPlaneSettings.MAX_HEADER_BYTES_PROPERTY))
                .isEqualTo(Integer.toString(data.maxHeaderSize()));
        assertThat(value.apply(DataPlaneSettings.BACKEND_CONNECT_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(data.backendConnectTimeout().toMillis()));
        assertThat(value.apply(DataPlaneSettings.CLIENT_IDLE_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(data.clientIdleTimeout().toSeconds()));
        assertThat(value.apply(DataPlaneSettings.BACKEND_IDLE_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(data.backendIdleTimeout().toSeconds()));
        assertThat(value.apply(DataPlaneSettings.MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY))
                .isEqualTo(Integer.toString(data.maxIdleBackendConnections()));
        assertThat(value.apply(DataPlaneSettings.MAX_CONCURRENT_STREAMS_PROPERTY))
                .isEqualTo(Integer.toString(data.maxConcurrentStreams()));
        UdpSettings udp = UdpSettings.DEFAULTS;
        assertThat(value.apply(UdpSettings.FLOW_IDLE_TIMEOUT_PROPERTY))
                .isEqualTo(Long.toString(udp.flowIdleTimeout().toSeconds()));
        assertThat(value.apply(UdpSettings.MAX_FLOWS_PER_LISTENER_PROPERTY))
                .isEqualTo(Integer.toString(udp.maxFlowsPerListener()));
        assertThat(value.apply(UdpSettings.MAX_DATAGRAM_BYTES_PROPERTY))
                .isEqualTo(Integer.toString(udp.maxDatagramBytes()));
        assertThat(value.apply(Http2FloodLimits.MAX_RESETS_PER_WINDOW_PROPERTY))
                .isEqualTo(Integer.toString(http2.maxResetsPerWindow()));
        assertThat(value.apply(Http2FloodLimits.RESET_WINDOW_SECONDS_PROPERTY))
                .isEqualTo(Integer.toString(http2.resetWindowSeconds()));
        assertThat(value.apply(Http2FloodLimits.MAX_QUEUED_CONTROL_FRAMES_PROPERTY))
                .isEqualTo(Integer.toString(http2.maxQueuedControlFrames()));
        assertThat(value.apply(Http2FloodLimits.MAX_CONSECUTIVE_EMPTY_DATA_FRAMES_PROPERTY))
                .isEqualTo(Integer.toString(http2.maxConsecutiveEmptyDataFrames()));
        assertThat(value.apply(Http2FloodLimits.MAX_CONTROL_FRAMES_WITHOUT_REQUESTS_PROPERTY))
                .isEqualTo(Integer.toString(http2.maxControlFramesWithoutRequests()));
        assertThat(value.apply(Http2FloodLimits.CONTROL_FRAME_WINDOW_SECONDS_PROPERTY))
                .isEqualTo(Integer.toString(http2.controlFrameWindowSeconds()));
    }

    @Test
    void everyLintelSystemPropertyTheCodeReadsIsDeclaredOrDeliberatelyLeftOut() throws Exception {
        // the launcher's JVM switches and the process's own paths are not settings of the file (KnownSettings)
        java.util.Set<String> leftOut = java.util.Set.of("lintel.home", "lintel.debug", "lintel.heap.steadyFreeRatios",
                "lintel.heap.trimAfterGrowth");
        java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("\"(lintel\\.[a-zA-Z0-9.]+)\"");
        java.util.Set<String> declared = KnownSettings.all().stream().map(Setting::property)
                .collect(Collectors.toSet());
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                var matcher = quoted.matcher(Files.readString(file));
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (name.startsWith("lintel.io")) {
                        continue; // annotation and controller names, not properties
                    }
                    assertThat(declared.contains(name) || leftOut.contains(name))
                            .as("%s in %s is declared in KnownSettings", name, file).isTrue();
                }
            }
        }
    }
}
