package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance bridge's {@link CreationSeconds}: a later apply's objects are younger to the second. */
class CreationSecondsTest {

    /** A clock that only moves when the code under test sleeps, recording each sleep. */
    private static final class SteppedClock extends Clock {
        private Instant now;
        final List<Duration> slept = new ArrayList<>();

        SteppedClock(Instant start) {
            this.now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        void sleep(Duration duration) {
            slept.add(duration);
            now = now.plus(duration);
        }
    }

    @Test
    void theFirstCreationOfALaterApplyInTheSameSecondWaitsForTheNextSecond() throws InterruptedException {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-12-06T22:00:00.300Z"));
        CreationSeconds seconds = new CreationSeconds(clock, clock::sleep);

        seconds.startApply();
        seconds.beforeCreate();
        seconds.created();
        clock.now = Instant.parse("2026-12-06T22:00:00.700Z");
        seconds.startApply();
        seconds.beforeCreate();

        assertThat(clock.slept).containsExactly(Duration.ofMillis(300));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-06T22:00:01Z"));
    }

    @Test
    void creationsWithinOneApplyAndAppliesInLaterSecondsDoNotWait() throws InterruptedException {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-12-06T22:00:00.100Z"));
        CreationSeconds seconds = new CreationSeconds(clock, clock::sleep);

        seconds.startApply();
        for (int i = 0; i < 3; i++) {
            seconds.beforeCreate();
            seconds.created();
        }
        clock.now = Instant.parse("2026-12-06T22:00:01.050Z");
        seconds.startApply();
        seconds.beforeCreate();
        seconds.created();
        // an apply that only updated (created nothing) does not make the next one wait
        seconds.startApply();
        clock.now = Instant.parse("2026-12-06T22:00:02.000Z");
        seconds.startApply();
        seconds.beforeCreate();

        assertThat(clock.slept).isEmpty();
    }

    /** What the bridge relies on: the mock stamps to the second, so without the wait both objects would be as old. */
    @Test
    void onTheMockAnObjectOfALaterApplyIsYoungerThanOneOfAnEarlierApply() throws InterruptedException {
        try (MockApiServer mock = MockApiServer.start()) {
            CreationSeconds seconds = CreationSeconds.system();
            seconds.startApply();
            GenericKubernetesResource older = create(mock, seconds, "older");
            seconds.startApply();
            GenericKubernetesResource newer = create(mock, seconds, "newer");

            assertThat(Instant.parse(newer.getMetadata().getCreationTimestamp()))
                    .isAfter(Instant.parse(older.getMetadata().getCreationTimestamp()));
        }
    }

    private static GenericKubernetesResource create(MockApiServer mock, CreationSeconds seconds, String name)
            throws InterruptedException {
        GenericKubernetesResource route = Yaml.parse(mock.client(), """
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TCPRoute
                metadata: {name: %s, namespace: default}
                spec:
                  parentRefs: [{name: gateway}]
                  rules: [{backendRefs: [{name: backend, port: 3000}]}]
                """.formatted(name)).get(0);
        seconds.beforeCreate();
        GenericKubernetesResource created = mock.client().resource(route).create();
        seconds.created();
        return created;
    }
}
