package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BindRetryScheduleTest {

    @Test
    void doublesFromHalfASecondUpToTheMaximum() {
        BindRetrySchedule schedule = new BindRetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(30));

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(schedule::delayAfter)).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        // no overflow however long the port stays held
        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aMaximumBelowTheFirstDelayRetriesAtTheFirstDelay() {
        BindRetrySchedule schedule = new BindRetrySchedule(Duration.ofMillis(500), Duration.ZERO);

        assertThat(schedule.max()).isEqualTo(Duration.ofMillis(500));
        assertThat(schedule.delayAfter(5)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new BindRetrySchedule(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("first");
        assertThatThrownBy(() -> BindRetrySchedule.fromSystemProperties().delayAfter(0))
                .hasMessageContaining("failedAttempts");
    }

    @Test
    void maximumComesFromTheSystemProperty() {
        String before = System.getProperty(BindRetrySchedule.MAX_SECONDS_PROPERTY);
        try {
            System.clearProperty(BindRetrySchedule.MAX_SECONDS_PROPERTY);
            assertThat(BindRetrySchedule.fromSystemProperties())
                    .isEqualTo(new BindRetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(30)));
            System.setProperty(BindRetrySchedule.MAX_SECONDS_PROPERTY, "5");
            assertThat(BindRetrySchedule.fromSystemProperties().max()).isEqualTo(Duration.ofSeconds(5));
            // a wrong value is reported and the default used, as for every data-plane setting
            System.setProperty(BindRetrySchedule.MAX_SECONDS_PROPERTY, "soon");
            assertThat(BindRetrySchedule.fromSystemProperties().max()).isEqualTo(Duration.ofSeconds(30));
        } finally {
            if (before == null) {
                System.clearProperty(BindRetrySchedule.MAX_SECONDS_PROPERTY);
            } else {
                System.setProperty(BindRetrySchedule.MAX_SECONDS_PROPERTY, before);
            }
        }
    }
}
