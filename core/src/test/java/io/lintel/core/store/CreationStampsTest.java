package io.lintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreationStampsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static KubernetesDocument document(String group, String kind, String name, Map<String, Object> metadata) {
        return new KubernetesDocument(new ResourceKey(group, kind, "infra", name), "v1",
                Map.of("kind", kind, "metadata", metadata), new SourceLocation("a.yaml", 1));
    }

    private static KubernetesDocument route(String name) {
        return document("gateway.networking.k8s.io", "TCPRoute", name, Map.of("name", name));
    }

    private static Object created(KubernetesDocument document) {
        return ((Map<?, ?>) document.content().get("metadata")).get("creationTimestamp");
    }

    @Test
    void stampsGatewayApiDocumentsWithTheTimeTheirKeyFirstAppeared() {
        CreationStamps stamps = new CreationStamps(Clock.fixed(T0, ZoneOffset.UTC));
        String first = stamps.nextBatch();
        KubernetesDocument older = stamps.stamp(route("older"), first);
        KubernetesDocument sameCall = stamps.stamp(route("same-call"), first);
        String second = stamps.nextBatch();
        KubernetesDocument newer = stamps.stamp(route("newer"), second);
        KubernetesDocument olderUpdated = stamps.stamp(route("older"), second);

        assertThat(created(older)).isEqualTo("2026-01-01T00:00:00Z").isEqualTo(created(sameCall));
        // the clock stood still, yet a later call counts as later
        assertThat(Instant.parse((String) created(newer))).isAfter(Instant.parse((String) created(older)));
        assertThat(created(olderUpdated)).isEqualTo(created(older));
        assertThat(older.key()).isEqualTo(route("older").key());
        assertThat(older.location()).isEqualTo(route("older").location());
    }

    @Test
    void keepsTimestampsThatAreSetAndLeavesOtherGroupsAlone() {
        CreationStamps stamps = new CreationStamps(Clock.fixed(T0, ZoneOffset.UTC));
        String batch = stamps.nextBatch();
        KubernetesDocument dated = document("gateway.networking.k8s.io", "Gateway", "gw",
                Map.of("name", "gw", "creationTimestamp", "2024-01-01T00:00:00Z"));
        KubernetesDocument service = document("", "Service", "svc", Map.of("name", "svc"));

        assertThat(stamps.stamp(dated, batch)).isSameAs(dated);
        assertThat(stamps.stamp(service, batch)).isSameAs(service);
    }

    @Test
    void aKeyThatComesBackIsNewAgain() {
        CreationStamps stamps = new CreationStamps(Clock.fixed(T0, ZoneOffset.UTC));
        KubernetesDocument first = stamps.stamp(route("r"), stamps.nextBatch());
        stamps.forget(first.key());

        KubernetesDocument again = stamps.stamp(route("r"), stamps.nextBatch());

        assertThat(Instant.parse((String) created(again))).isAfter(Instant.parse((String) created(first)));
    }
}
