package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.proxy.BackendPoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The data plane's limits and timeouts: production defaults, system properties, passed on to the backend pools. */
class DataPlaneSettingsTest {

    /** The connection and request head settings that {@link DataPlaneSettings#fromSystemProperties} reads. */
    private static final List<String> CONNECTION_PROPERTIES = List.of(DataPlaneSettings.MAX_LINE_BYTES_PROPERTY,
            DataPlaneSettings.MAX_HEADER_BYTES_PROPERTY, DataPlaneSettings.BACKEND_CONNECT_TIMEOUT_PROPERTY,
            DataPlaneSettings.CLIENT_IDLE_TIMEOUT_PROPERTY, DataPlaneSettings.BACKEND_IDLE_TIMEOUT_PROPERTY,
            DataPlaneSettings.MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY, DataPlaneSettings.MAX_CONCURRENT_STREAMS_PROPERTY);

    /**
     * {@link DataPlaneSettings#DEFAULTS} reads the properties once, when the class is initialised: that happens here,
     * before a test sets one, or the defaults of every later test in this JVM would be a test's values.
     */
    @BeforeAll
    static void initialiseTheDefaults() {
        assertThat(DataPlaneSettings.DEFAULTS).isNotNull();
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY);
        System.clearProperty(DataPlaneSettings.REQUEST_HEAD_TIMEOUT_PROPERTY);
        System.clearProperty(Http2FloodLimits.MAX_RESETS_PER_WINDOW_PROPERTY);
        CONNECTION_PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void connectionLimitsAndTimeoutsHaveProductionDefaults() {
        DataPlaneSettings defaults = DataPlaneSettings.DEFAULTS;
        assertThat(defaults.maxInitialLineLength()).isEqualTo(8192);
        assertThat(defaults.maxHeaderSize()).isEqualTo(16384);
        assertThat(defaults.maxChunkSize()).isEqualTo(65536);
        assertThat(defaults.backendConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.clientIdleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(defaults.backendIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxIdleBackendConnections()).isEqualTo(256);
        assertThat(defaults.maxConcurrentStreams()).isEqualTo(128);
        assertThat(DataPlaneSettings.fromSystemProperties()).as("no property set: the defaults").isEqualTo(defaults);
    }

    @Test
    void connectionLimitsAndTimeoutsComeFromSystemProperties() {
        Map.of(DataPlaneSettings.MAX_LINE_BYTES_PROPERTY, "4096",
                DataPlaneSettings.MAX_HEADER_BYTES_PROPERTY, "2048",
                DataPlaneSettings.BACKEND_CONNECT_TIMEOUT_PROPERTY, "250",
                DataPlaneSettings.CLIENT_IDLE_TIMEOUT_PROPERTY, "7",
                DataPlaneSettings.BACKEND_IDLE_TIMEOUT_PROPERTY, "9",
                DataPlaneSettings.MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY, "3",
                DataPlaneSettings.MAX_CONCURRENT_STREAMS_PROPERTY, "16").forEach(System::setProperty);

        DataPlaneSettings read = DataPlaneSettings.fromSystemProperties();

        assertThat(read.maxInitialLineLength()).isEqualTo(4096);
        assertThat(read.maxHeaderSize()).isEqualTo(2048);
        assertThat(read.backendConnectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(read.clientIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(read.backendIdleTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(read.maxIdleBackendConnections()).isEqualTo(3);
        assertThat(read.maxConcurrentStreams()).isEqualTo(16);
        assertThat(read.maxChunkSize()).as("no setting").isEqualTo(65536);
        BackendPoolSettings pool = read.backendPool();
        assertThat(pool.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(pool.idleTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(pool.maxIdlePerEndpoint()).isEqualTo(3);
        assertThat(DataPlaneSettings.DEFAULTS.maxHeaderSize()).as("DEFAULTS was read once").isEqualTo(16384);
    }

    @Test
    void zeroTurnsTheIdleTimeoutsAndTheIdleBackendConnectionsOff() {
        System.setProperty(DataPlaneSettings.CLIENT_IDLE_TIMEOUT_PROPERTY, "0");
        System.setProperty(DataPlaneSettings.BACKEND_IDLE_TIMEOUT_PROPERTY, "0");
        System.setProperty(DataPlaneSettings.MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY, "0");

        DataPlaneSettings read = DataPlaneSettings.fromSystemProperties();

        assertThat(read.clientIdleTimeout()).isZero();
        assertThat(read.backendIdleTimeout()).isZero();
        assertThat(read.maxIdleBackendConnections()).isZero();
    }

    @Test
    void aWrongConnectionLimitOrTimeoutIsIgnoredForItsDefault() {
        DataPlaneSettings defaults = DataPlaneSettings.DEFAULTS;
        Map.of(DataPlaneSettings.MAX_LINE_BYTES_PROPERTY, "0",
                DataPlaneSettings.MAX_HEADER_BYTES_PROPERTY, "16KiB",
                DataPlaneSettings.BACKEND_CONNECT_TIMEOUT_PROPERTY, "0",
                DataPlaneSettings.CLIENT_IDLE_TIMEOUT_PROPERTY, "-1",
                DataPlaneSettings.BACKEND_IDLE_TIMEOUT_PROPERTY, "60s",
                DataPlaneSettings.MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY, "-3",
                DataPlaneSettings.MAX_CONCURRENT_STREAMS_PROPERTY, "0").forEach(System::setProperty);

        assertThat(DataPlaneSettings.fromSystemProperties()).isEqualTo(defaults);
    }

    @Test
    void positiveCountsAndMillisecondsRefuseZeroNegativeAndText() {
        String name = DataPlaneSettings.BACKEND_CONNECT_TIMEOUT_PROPERTY;
        System.setProperty(name, "1500");
        assertThat(CountProperty.readPositive(name, 7)).isEqualTo(1500);
        assertThat(DataPlaneSettings.millisProperty(name, Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(1500));
        for (String wrong : new String[] {"0", "-1", "1.5", "5s", ""}) {
            System.setProperty(name, wrong);
            assertThat(CountProperty.readPositive(name, 7)).as("'%s'", wrong).isEqualTo(7);
            assertThat(DataPlaneSettings.millisProperty(name, Duration.ofSeconds(5))).as("'%s'", wrong)
                    .isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void theRecordRefusesWhatNoPropertyCanGiveIt() {
        DataPlaneSettings defaults = DataPlaneSettings.DEFAULTS;
        assertThatThrownBy(() -> defaults.withRequestHeadLimits(0, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInitialLineLength: 0");
        assertThatThrownBy(() -> defaults.withRequestHeadLimits(1024, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxHeaderSize: -1");
        assertThatThrownBy(() -> defaults.withClientIdleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientIdleTimeout PT-1S");
        assertThatThrownBy(() -> defaults.withBackendConnections(Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backendConnectTimeout");
        assertThatThrownBy(() -> defaults.withBackendConnections(Duration.ofSeconds(1), Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdleBackendConnections -1");
        DataPlaneSettings off = defaults.withClientIdleTimeout(Duration.ZERO)
                .withBackendConnections(Duration.ofMillis(1), Duration.ZERO, 0);
        assertThat(off.clientIdleTimeout()).isZero();
        assertThat(off.backendPool().maxIdlePerEndpoint()).isZero();
    }

    @Test
    void http2FloodLimitsDefaultToNettysServerBoundsAndComeFromSystemProperties() {
        assertThat(DataPlaneSettings.DEFAULTS.http2FloodLimits())
                .isEqualTo(new Http2FloodLimits(200, 30, 10_000, 2, 100, 10));
        String resets = Http2FloodLimits.MAX_RESETS_PER_WINDOW_PROPERTY;
        System.setProperty(resets, "50");
        assertThat(CountProperty.read(resets, 200)).isEqualTo(50);
        System.setProperty(resets, "0");
        assertThat(CountProperty.read(resets, 200)).as("0 turns the bound off").isZero();
        System.setProperty(resets, "-5");
        assertThat(CountProperty.read(resets, 200)).isEqualTo(200);
        System.setProperty(resets, "lots");
        assertThat(CountProperty.read(resets, 200)).isEqualTo(200);
        assertThatThrownBy(() -> new Http2FloodLimits(-1, 30, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxResetsPerWindow");
    }

    @Test
    void requestReadTimeoutsDefaultTo30And60SecondsAndComeFromSystemProperties() {
        assertThat(DataPlaneSettings.DEFAULTS.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DataPlaneSettings.DEFAULTS.requestBodyIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        String head = DataPlaneSettings.REQUEST_HEAD_TIMEOUT_PROPERTY;
        Duration fallback = Duration.ofSeconds(30);
        System.setProperty(head, "10");
        assertThat(DataPlaneSettings.secondsProperty(head, fallback)).isEqualTo(Duration.ofSeconds(10));
        System.setProperty(head, "0");
        assertThat(DataPlaneSettings.secondsProperty(head, fallback)).as("0 disables").isEqualTo(Duration.ZERO);
        System.setProperty(head, "-1");
        assertThat(DataPlaneSettings.secondsProperty(head, fallback)).isEqualTo(fallback);
        System.setProperty(head, "30s");
        assertThat(DataPlaneSettings.secondsProperty(head, fallback)).isEqualTo(fallback);
    }

    @Test
    void theDefaultRequestTimeoutIs15SecondsAndTheConnectionLimitFollowsTheDescriptorLimit() {
        assertThat(DataPlaneSettings.DEFAULTS.defaultRequestTimeout()).isEqualTo(Duration.ofSeconds(15));
        long descriptors = ConnectionBudget.maxFileDescriptors();
        assertThat(DataPlaneSettings.DEFAULTS.maxConnections()).isEqualTo(descriptors > 0
                ? ConnectionBudget.forDescriptorLimit(descriptors) : ConnectionBudget.FALLBACK);
        assertThat(DataPlaneSettings.DEFAULTS.maxConnectionsPerListener()).isZero();
    }

    @Test
    void connectionBudgetKeepsAReserveAndHalvesTheRestForBackendConnections() {
        assertThat(ConnectionBudget.forDescriptorLimit(1024)).isEqualTo((1024 - 256) / 2);
        assertThat(ConnectionBudget.forDescriptorLimit(20_000)).isEqualTo((20_000 - 4_000) / 2);
        assertThat(ConnectionBudget.forDescriptorLimit(1_048_576)).isEqualTo((1_048_576 - 209_715) / 2);
        assertThat(ConnectionBudget.forDescriptorLimit(100)).as("never below one").isEqualTo(1);
    }

    @Test
    void countsComeFromSystemPropertiesWhenTheyAreWholeNumbers() {
        String name = DataPlaneSettings.MAX_CONNECTIONS_PROPERTY;
        try {
            System.setProperty(name, "500");
            assertThat(DataPlaneSettings.countProperty(name, 7)).isEqualTo(500);
            System.setProperty(name, "0");
            assertThat(DataPlaneSettings.countProperty(name, 7)).as("0: no limit").isZero();
            System.setProperty(name, "-2");
            assertThat(DataPlaneSettings.countProperty(name, 7)).isEqualTo(7);
            System.setProperty(name, "lots");
            assertThat(DataPlaneSettings.countProperty(name, 7)).isEqualTo(7);
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void requestReadTimeoutsMayNotBeNegative() {
        assertThatThrownBy(() -> DataPlaneSettings.DEFAULTS.withRequestTimeouts(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request timeouts");
        assertThat(DataPlaneSettings.DEFAULTS.withRequestTimeouts(Duration.ZERO, Duration.ofSeconds(5))
                .requestBodyIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void mirrorBoundDefaultsToOneMebibyteAndReachesTheBackendPools() {
        assertThat(DataPlaneSettings.maxMirrorPendingBytesProperty()).isEqualTo(1024 * 1024);
        assertThat(DataPlaneSettings.DEFAULTS.withMaxMirrorPendingBytes(4096).backendPool().mirrorMaxPendingBytes())
                .isEqualTo(4096);
        assertThat(BackendPoolSettings.DEFAULTS.mirrorMaxPendingBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void mirrorBoundComesFromTheSystemPropertyWhenItIsAPositiveNumber() {
        System.setProperty(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY, "262144");
        assertThat(DataPlaneSettings.maxMirrorPendingBytesProperty()).isEqualTo(262144);
        System.setProperty(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY, "0");
        assertThat(DataPlaneSettings.maxMirrorPendingBytesProperty()).isEqualTo(1024 * 1024);
        System.setProperty(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY, "1MiB");
        assertThat(DataPlaneSettings.maxMirrorPendingBytesProperty()).isEqualTo(1024 * 1024);
    }

    @Test
    void mirrorBoundMustBePositive() {
        assertThatThrownBy(() -> DataPlaneSettings.DEFAULTS.withMaxMirrorPendingBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMirrorPendingBytes: 0");
    }

    @Test
    void replayBoundDefaultsTo64KiBAndMayBeZeroButNotNegative() {
        assertThat(DataPlaneSettings.DEFAULTS.maxReplayBodyBytes()).isEqualTo(64 * 1024);
        assertThat(DataPlaneSettings.DEFAULTS.withMaxReplayBodyBytes(0).maxReplayBodyBytes())
                .as("0: only requests without body are retried").isZero();
        assertThatThrownBy(() -> DataPlaneSettings.DEFAULTS.withMaxReplayBodyBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReplayBodyBytes -1");
    }

    @Test
    void backendProtocolPluginsGetTheLimitsOfCoresOwnBackendCodec() {
        BackendPoolSettings pool = DataPlaneSettings.DEFAULTS.backendPool();
        assertThat(pool.codecLimits()).isEqualTo(new io.lintel.spi.backend.CodecLimits(pool.maxInitialLineLength(),
                pool.maxHeaderSize(), pool.maxChunkSize(), DataPlaneSettings.DEFAULTS.maxBufferedRequestBody()));
    }
}
