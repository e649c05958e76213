package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Active checks' verdicts as the endpoint selection sees them, next to passive health. */
class ActiveEndpointHealthTest {

    private final ActiveEndpointHealth active = new ActiveEndpointHealth();
    private final BackendEndpoint a = new BackendEndpoint("10.0.0.1", 80, "");
    private final BackendEndpoint b = new BackendEndpoint("10.0.0.2", 80, "");
    private final BackendEndpoint c = new BackendEndpoint("10.0.0.3", 80, "");
    private final BackendEndpoint d = new BackendEndpoint("10.0.0.4", 80, "");

    @Test
    void anEndpointReportedUnhealthyIsEjectedUntilReportedHealthyOrForgotten() {
        // passive health off: active verdicts still count
        EndpointHealth health = new EndpointHealth(0, 1, 1, 50, System::nanoTime, active);

        active.report(a.socketAddress(), false);
        assertThat(health.isEjected(a)).isTrue();
        assertThat(health.isEjected(b)).isFalse();
        assertThat(active.downCount()).isEqualTo(1);

        active.report(a.socketAddress(), false);
        assertThat(active.downCount()).as("the same verdict twice counts once").isEqualTo(1);
        active.report(a.socketAddress(), true);
        assertThat(health.isEjected(a)).isFalse();
        assertThat(active.downCount()).isZero();

        active.report(b.socketAddress(), false);
        active.forget(b.socketAddress());
        assertThat(health.isEjected(b)).isFalse();
        assertThat(active.downCount()).isZero();
        assertThat(active.snapshot()).containsExactly(java.util.Map.entry("10.0.0.1:80", true));
    }

    @Test
    void aBackendPicksOnlyHealthyEndpointsWithinTheShareItMayLeaveOut() {
        EndpointHealth health = new EndpointHealth(5, 30, 300, 50, System::nanoTime, active);
        CompiledBackend backend = new CompiledBackend("ns/svc:80", 1, 0, List.of(a, b, c, d), List.of(), health);

        active.report(a.socketAddress(), false);
        active.report(b.socketAddress(), false);
        assertThat(picks(backend)).containsOnly(c, d);
        assertThat(backend.liveEndpoint("10.0.0.1", 80)).as("a session on it moves").isNull();

        active.report(c.socketAddress(), false);
        assertThat(picks(backend)).as("three of four out is beyond 50 %: all are picked again").contains(a, b, c, d);
    }

    private static Set<BackendEndpoint> picks(CompiledBackend backend) {
        Set<BackendEndpoint> picked = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            picked.add(backend.pickEndpoint());
        }
        return picked;
    }
}
