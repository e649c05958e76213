package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.proxy.BackendPoolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mirror bound: a production default, a system property, passed on to the backend pools. */
class DataPlaneSettingsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY);
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
}
