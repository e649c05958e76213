package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreationTimestampsTest {

    @Test
    void apiServerFormIsReadAsTheGeneralParserReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L));
            String text = instant.toString();
            if (text.length() == 20) {
                Instant quick = CreationTimestamps.quick(text);
                assertThat(quick == null || quick.equals(Instant.parse(text))).as(text).isTrue();
            }
        }
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01Z")).isEqualTo(Instant.parse("2026-12-06T22:40:01Z"));
    }

    @Test
    void otherFormsGoToTheGeneralParserAndUnreadableOnesCountAsNewest() {
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.5Z")).isNull();
        assertThat(CreationTimestamps.quick("2024-02-29T00:00:00Z")).isNull();
        assertThat(of("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(of("2026-12-06T22:40:01.5Z")).isEqualTo(Instant.parse("2026-12-06T22:40:01.5Z"));
        assertThat(of("2026-13-06T22:40:01Z")).isEqualTo(Instant.MAX);
        assertThat(of("yesterday")).isEqualTo(Instant.MAX);
        assertThat(of(null)).isEqualTo(Instant.MAX);
    }

    private static Instant of(String timestamp) {
        return CreationTimestamps.of(new ConfigMapBuilder().withNewMetadata().withName("c")
                .withCreationTimestamp(timestamp).endMetadata().build());
    }
}
