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
    void theStoresStampsWithFractionsOfASecondAreReadAsTheGeneralParserReadsThem() {
        Random random = new Random(11);
        int quickOnes = 0;
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_000_000_000L), random.nextInt(1_000_000_000));
            // milliseconds (the store's stamps), microseconds and nanoseconds: Instant.toString writes 3, 6 or 9 digits
            for (String text : new String[] {instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(),
                    instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString(), instant.toString()}) {
                Instant quick = CreationTimestamps.quick(text);
                assertThat(quick == null || quick.equals(Instant.parse(text))).as(text).isTrue();
                quickOnes += quick == null ? 0 : 1;
            }
        }
        assertThat(quickOnes).as("read without the general parser").isGreaterThan(40_000);
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.5Z")).isEqualTo(Instant.parse("2026-12-06T22:40:01.5Z"));
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.123456789Z"))
                .isEqualTo(Instant.parse("2026-12-06T22:40:01.123456789Z"));
    }

    @Test
    void malformedFractionsAreNotReadQuickly() {
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.Z")).isNull();
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.1234567891Z")).isNull();
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01,5Z")).isNull();
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.5aZ")).isNull();
        assertThat(CreationTimestamps.quick("2026-12-06T22:40:01.-5Z")).isNull();
        assertThat(of("2026-12-06T22:40:01.Z")).as("the general parser decides").isEqualTo(Instant.parse("2026-12-06T22:40:01.Z"));
    }

    @Test
    void otherFormsGoToTheGeneralParserAndUnreadableOnesCountAsNewest() {
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
