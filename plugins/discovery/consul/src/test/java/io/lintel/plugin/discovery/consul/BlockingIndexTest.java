package io.lintel.plugin.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockingIndexTest {

    private final BlockingIndex index = new BlockingIndex();

    @Test
    void theFirstQueryDoesNotBlockAndItsAnswerIsApplied() {
        assertThat(index.forNextQuery()).isZero();
        assertThat(index.advance(42)).isTrue();
        assertThat(index.forNextQuery()).isEqualTo(42);
    }

    @Test
    void anUnchangedIndexIsNotAChange() {
        index.advance(42);

        assertThat(index.advance(42)).isFalse();
        assertThat(index.advance(43)).isTrue();
        assertThat(index.forNextQuery()).isEqualTo(43);
    }

    @Test
    void anIndexGoingBackwardsResetsTheLoopAndIsApplied() {
        index.advance(42);

        assertThat(index.advance(7)).isTrue();
        assertThat(index.forNextQuery()).isEqualTo(1);
        assertThat(index.advance(7)).isTrue();
        assertThat(index.forNextQuery()).isEqualTo(7);
    }

    @Test
    void anIndexOfZeroOrLessIsTreatedAsOneSoTheLoopNeverStopsBlocking() {
        assertThat(index.advance(0)).isTrue();
        assertThat(index.forNextQuery()).isEqualTo(1);

        index.advance(-5);
        assertThat(index.forNextQuery()).isEqualTo(1);
        index.advance(0);
        assertThat(index.forNextQuery()).isEqualTo(1);
    }

    @Test
    void afterAFailureTheNextQueryDoesNotBlockAndIsApplied() {
        index.advance(42);

        index.failed();

        assertThat(index.forNextQuery()).isZero();
        assertThat(index.advance(42)).isTrue();
        assertThat(index.forNextQuery()).isEqualTo(42);
    }
}
