package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final EndpointHealth health = new EndpointHealth(3, 10, 25, 50, now::get);
    private final BackendEndpoint a = new BackendEndpoint("10.0.0.1", 80, "");
    private final BackendEndpoint b = new BackendEndpoint("10.0.0.2", 80, "");
    private final BackendEndpoint c = new BackendEndpoint("10.0.0.3", 80, "");
    private final BackendEndpoint d = new BackendEndpoint("10.0.0.4", 80, "");

    @Test
    void failuresInARowEjectForAGrowingCappedInterval() {
        fail(a, 2);
        assertThat(health.isEjected(a)).isFalse();
        fail(a, 1);
        assertThat(health.isEjected(a)).isTrue();
        assertThat(health.ejectedCount()).isEqualTo(1);

        advanceSeconds(10);
        assertThat(health.isEjected(a)).as("back after the base interval").isFalse();
        assertThat(health.ejectedCount()).isZero();

        fail(a, 3);
        advanceSeconds(10);
        assertThat(health.isEjected(a)).as("a second ejection in a row lasts twice as long").isTrue();
        advanceSeconds(10);
        assertThat(health.isEjected(a)).isFalse();

        fail(a, 3);
        advanceSeconds(24);
        assertThat(health.isEjected(a)).as("the third lasts 25 s, the cap, not 30").isTrue();
        advanceSeconds(1);
        assertThat(health.isEjected(a)).isFalse();
    }

    @Test
    void aSuccessEndsTheRowAndTheGrowth() {
        fail(a, 2);
        health.succeeded(a);
        fail(a, 2);
        assertThat(health.isEjected(a)).isFalse();

        fail(a, 1);
        advanceSeconds(10);
        assertThat(health.isEjected(a)).isFalse();
        health.succeeded(a);
        fail(a, 3);
        advanceSeconds(10);
        assertThat(health.isEjected(a)).as("a success after the ejection: the next one is the base again").isFalse();
    }

    @Test
    void answersOfRequestsInFlightDoNotChangeAnEjection() {
        fail(a, 3);
        health.succeeded(a);
        fail(a, 5);
        assertThat(health.isEjected(a)).isTrue();
        advanceSeconds(10);
        assertThat(health.isEjected(a)).isFalse();
    }

    @Test
    void aBackendPicksOnlyHealthyEndpointsWithinItsShare() {
        CompiledBackend backend = new CompiledBackend("shop", 1, 0, List.of(a, b, c, d), List.of(), health);
        fail(a, 3);
        assertThat(picks(backend)).containsExactlyInAnyOrder(b, c, d);

        fail(b, 3);
        assertThat(picks(backend)).as("2 of 4 is the 50% share").containsExactlyInAnyOrder(c, d);

        fail(c, 3);
        assertThat(picks(backend)).as("beyond the share every endpoint is used").containsExactlyInAnyOrder(a, b, c, d);
    }

    @Test
    void aLoneEndpointIsNeverLeftOut() {
        CompiledBackend backend = new CompiledBackend("shop", 1, 0, List.of(a), List.of(), health);
        fail(a, 3);

        assertThat(backend.pickEndpoint()).isSameAs(a);
    }

    @Test
    void offEjectsNothing() {
        CompiledBackend backend = new CompiledBackend("shop", 1, 0, List.of(a, b), List.of(), EndpointHealth.OFF);
        for (int i = 0; i < 10; i++) {
            backend.failed(a);
        }

        assertThat(picks(backend)).containsExactlyInAnyOrder(a, b);
    }

    private Set<BackendEndpoint> picks(CompiledBackend backend) {
        Set<BackendEndpoint> picked = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            picked.add(backend.pickEndpoint());
        }
        return picked;
    }

    private void fail(BackendEndpoint endpoint, int times) {
        for (int i = 0; i < times; i++) {
            health.failed(endpoint);
        }
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
