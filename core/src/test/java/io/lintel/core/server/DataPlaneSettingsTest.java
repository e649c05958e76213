package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.proxy.BackendPoolSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mirror bound: a production default, a system property, passed on to the backend pools. */
class DataPlaneSettingsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY);
        System.clearProperty(DataPlaneSettings.REQUEST_HEAD_TIMEOUT_PROPERTY);
        System.clearProperty(Http2FloodLimits.MAX_RESETS_PER_WINDOW_PROPERTY);
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
