package io.lintel.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.PluginSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file: read, validated against {@link KnownSettings}, installed under {@code -D} properties. */
class SettingsFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("lintel.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aValidFileIsAppliedAsSystemPropertiesNestedAndDottedKeysAlike() throws Exception {
        Path file = write("""
                connections:
                  max: 8000
                  maxPerListener: 100
                request.headTimeoutSeconds: 5
                forwarded:
                  trustedCidrs: [10.0.0.0/8, "fd00::/8"]
                accessLog: {format: json}
                admin.address: 0.0.0.0:9902
                shutdown: {drainSeconds: 0}
                """);
        Properties target = new Properties();

        assertThat(SettingsFile.read(file).install(target)).isEmpty();

        assertThat(target).containsEntry("lintel.connections.max", "8000")
                .containsEntry("lintel.connections.maxPerListener", "100")
                .containsEntry("lintel.request.headTimeoutSeconds", "5")
                .containsEntry("lintel.forwarded.trustedCidrs", "10.0.0.0/8,fd00::/8")
                .containsEntry("lintel.accessLog.format", "json")
                .containsEntry("lintel.admin.address", "0.0.0.0:9902")
                .containsEntry("lintel.shutdown.drainSeconds", "0")
                .hasSize(7);
    }

    @Test
    void aSystemPropertyAlreadySetWinsOverTheFile() throws Exception {
        Path file = write("connections: {max: 8000}\nroute.defaultTimeoutSeconds: 20\n");
        Properties target = new Properties();
        target.setProperty("lintel.connections.max", "50");

        assertThat(SettingsFile.read(file).install(target)).containsExactly("lintel.connections.max");

        assertThat(target).containsEntry("lintel.connections.max", "50")
                .containsEntry("lintel.route.defaultTimeoutSeconds", "20");
    }

    @Test
    void theValuesReachWhatReadsTheSystemProperty() throws Exception {
        Path file = write("shutdown.drainSeconds: 3\n");
        String property = KnownSettings.SHUTDOWN_DRAIN_SECONDS.property();
        assertThat(System.getProperty(property)).isNull();
        try {
            SettingsFile.read(file).install(System.getProperties());
            assertThat(KnownSettings.SHUTDOWN_DRAIN_SECONDS.currentNumber()).isEqualTo(3);
        } finally {
            System.clearProperty(property);
        }
        assertThat(KnownSettings.SHUTDOWN_DRAIN_SECONDS.currentNumber()).isEqualTo(10);
    }

    @Test
    void anUnknownKeyIsNamedWithTheClosestKnownOne() throws Exception {
        Path file = write("connections:\n  mxa: 8000\n");

        assertThatThrownBy(() -> SettingsFile.read(file))
                .isInstanceOf(SettingsFileException.class)
                .hasMessage("settings file " + file + ": connections.mxa: unknown setting (did you mean connections.max?)");
    }

    @Test
    void aPluginsDeclaredSettingIsCheckedLikeCoresAndUnknownWithoutThePlugin() throws Exception {
        SettingsCatalog withPlugin = SettingsCatalog.core().with(List.of(Setting.of(
                PluginSetting.number("shop.limit", 1, 100, 10, "a plugin's bound"))));

        assertThat(SettingsFile.read(write("shop:\n  limit: 42\n"), withPlugin).properties())
                .containsExactly(Map.entry("lintel.shop.limit", "42"));
        assertThatThrownBy(() -> SettingsFile.read(write("shop.limit: 420\n"), withPlugin))
                .hasMessageContaining("shop.limit: 420 is out of range (expected: a whole number from 1 to 100)");
        assertThatThrownBy(() -> SettingsFile.read(write("shop.limit: 42\n")))
                .hasMessageContaining("shop.limit: unknown setting");
    }

    @Test
    void aWrongTypeIsNamed() throws Exception {
        Path file = write("connections.max: \"8000\"\naccessLog.format: 3\nforwarded.trustedHops: true\n");

        assertThatThrownBy(() -> SettingsFile.read(file))
                .isInstanceOf(SettingsFileException.class)
                .hasMessageStartingWith("settings file " + file + ":")
                .hasMessageContaining("connections.max: wrong type: the string '8000' (expected: a whole number >= 0)")
                .hasMessageContaining("accessLog.format: wrong type: integer 3 (expected: one of off, text, json)")
                .hasMessageContaining("forwarded.trustedHops: wrong type: the boolean true");
    }

    @Test
    void aValueOutOfRangeIsNamedWithTheRange() throws Exception {
        Path file = write("shutdown.drainSeconds: -1\n");

        assertThatThrownBy(() -> SettingsFile.read(file))
                .isInstanceOf(SettingsFileException.class)
                .hasMessage("settings file " + file
                        + ": shutdown.drainSeconds: -1 is out of range (expected: a whole number from 0 to 3600)");
    }

    @Test
    void theConnectionSettingsAreCheckedAgainstWhatTheDataPlaneAccepts() throws Exception {
        Path file = write("""
                request: {maxLineBytes: 0, maxHeaderBytes: 16384}
                connections.idleTimeoutSeconds: -1
                backend:
                  connectTimeoutMillis: 0
                  idleTimeoutSeconds: -1
                  maxIdleConnections: -1
                http2.maxConcurrentStreams: 0
                """);

        assertThatThrownBy(() -> SettingsFile.read(file))
                .isInstanceOf(SettingsFileException.class)
                .hasMessageContaining("request.maxLineBytes: 0 is out of range (expected: a whole number >= 1)")
                .hasMessageContaining(
                        "connections.idleTimeoutSeconds: -1 is out of range (expected: a whole number >= 0)")
                .hasMessageContaining("backend.connectTimeoutMillis: 0 is out of range (expected: a whole number >= 1)")
                .hasMessageContaining("backend.idleTimeoutSeconds: -1 is out of range (expected: a whole number >= 0)")
                .hasMessageContaining("backend.maxIdleConnections: -1 is out of range (expected: a whole number >= 0)")
                .hasMessageContaining("http2.maxConcurrentStreams: 0 is out of range (expected: a whole number >= 1)")
                .message().doesNotContain("maxHeaderBytes");
    }

    @Test
    void theConnectionSettingsTakeTheirSmallestValues() throws Exception {
        Path file = write("""
                request: {maxLineBytes: 1, maxHeaderBytes: 1}
                connections.idleTimeoutSeconds: 0
                backend: {connectTimeoutMillis: 1, idleTimeoutSeconds: 0, maxIdleConnections: 0}
                http2.maxConcurrentStreams: 1
                """);

        assertThat(SettingsFile.read(file).properties())
                .containsEntry("lintel.request.maxLineBytes", "1")
                .containsEntry("lintel.request.maxHeaderBytes", "1")
                .containsEntry("lintel.connections.idleTimeoutSeconds", "0")
                .containsEntry("lintel.backend.connectTimeoutMillis", "1")
                .containsEntry("lintel.backend.idleTimeoutSeconds", "0")
                .containsEntry("lintel.backend.maxIdleConnections", "0")
                .containsEntry("lintel.http2.maxConcurrentStreams", "1")
                .hasSize(7);
    }

    @Test
    void invalidAddressesAndChoicesAreRefused() throws Exception {
        Path file = write("forwarded.trustedCidrs: [10.0.0.0/33]\naccessLog.format: xml\nadmin.address: nowhere\n");

        assertThatThrownBy(() -> SettingsFile.read(file))
                .isInstanceOf(SettingsFileException.class)
                .hasMessageContaining("forwarded.trustedCidrs: lintel.forwarded.trustedCidrs: '10.0.0.0/33' has no "
                        + "valid prefix length")
                .hasMessageContaining("accessLog.format: 'xml' is not allowed (expected: one of off, text, json)")
                .hasMessageContaining("admin.address: 'nowhere' (expected: HOST:PORT");
    }

    @Test
    void aKeySetNestedAndDottedIsRefused() throws Exception {
        Path file = write("connections: {max: 1}\nconnections.max: 2\n");

        assertThatThrownBy(() -> SettingsFile.read(file))
                .hasMessageContaining("connections.max: set twice");
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> SettingsFile.read(missing))
                .isInstanceOf(SettingsFileException.class)
                .hasMessage("settings file " + missing + ": no such file");
    }

    @Test
    void aFileThatIsNotAMappingOrNotYamlIsAnError() throws Exception {
        assertThatThrownBy(() -> SettingsFile.read(write("- connections.max\n")))
                .hasMessageContaining("expected a mapping of settings");
        assertThatThrownBy(() -> SettingsFile.read(write("connections: {max: [\n")))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void anEmptyOrFullyCommentedFileSetsNothing() throws Exception {
        assertThat(SettingsFile.read(write("# connections.max: 8000\n")).properties()).isEmpty();
    }

    @Test
    void anInvalidSystemPropertyIsNamedWhenReadAsANumber() {
        String property = KnownSettings.EVENT_LOOP_THREADS.property();
        System.setProperty(property, "many");
        try {
            assertThatThrownBy(KnownSettings.EVENT_LOOP_THREADS::currentNumber)
                    .hasMessage("-Dlintel.eventLoops.threads=many: not a whole number (expected: a whole number from 0 "
                            + "to 1024)");
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void aFileOfCommentsOnlyHasNoSettingsAndAnyValueLineIsParsed() throws Exception {
        Path shipped = write("# connections:\n#   max: 8000\n\n   # indented comment\r\n");
        Properties target = new Properties();
        assertThat(SettingsFile.read(shipped).install(target)).isEmpty();
        assertThat(target).isEmpty();

        assertThat(SettingsFile.commentsOnly("# a\n\n  # b\n")).isTrue();
        assertThat(SettingsFile.commentsOnly("# a\nconnections: {max: 1}  # b\n")).isFalse();
        assertThat(SettingsFile.commentsOnly("---\n")).as("a document marker goes to the parser").isFalse();
        assertThatThrownBy(() -> SettingsFile.read(write("# fine\n[unclosed\n")))
                .hasMessageContaining("not valid YAML");
    }
}
