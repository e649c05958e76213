package io.lintel.spi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResourceKeyTest {

    private static final Comparator<ResourceKey> BY_FIELDS = Comparator.comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    @Test
    void keysAreOrderedByGroupKindNamespaceThenName() {
        Random random = new Random(3);
        String[] values = {"", "a", "b", "ab", "gateway.networking.k8s.io", "HTTPRoute", "Service", "default", "Z"};
        List<ResourceKey> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add(new ResourceKey(values[random.nextInt(values.length)], values[random.nextInt(values.length)],
                    values[random.nextInt(values.length)], values[random.nextInt(values.length)]));
        }
        for (ResourceKey a : keys.subList(0, 200)) {
            for (ResourceKey b : keys) {
                assertThat(Integer.signum(a.compareTo(b))).as(a + " vs " + b)
                        .isEqualTo(Integer.signum(BY_FIELDS.compare(a, b)));
            }
        }
        assertThat(new ResourceKey("", "Service", "ns", "a").compareTo(new ResourceKey("", "Service", "ns", "a")))
                .isZero();
    }

    /** The same components as a plain record, whose generated hashCode and equals the key's written-out ones match. */
    private record Twin(String group, String kind, String namespace, String name) {}

    @Test
    void hashesAndEqualsAsTheRecordWould() {
        Random random = new Random(5);
        String[] values = {"", "a", "b", "ab", "gateway.networking.k8s.io", "HTTPRoute", "Service", "default", "Z"};
        for (int i = 0; i < 2_000; i++) {
            String[] a = new String[4];
            String[] b = new String[4];
            for (int f = 0; f < 4; f++) {
                a[f] = values[random.nextInt(values.length)];
                b[f] = random.nextInt(4) == 0 ? values[random.nextInt(values.length)] : new String(a[f]);
            }
            ResourceKey keyA = new ResourceKey(a[0], a[1], a[2], a[3]);
            ResourceKey keyB = new ResourceKey(b[0], b[1], b[2], b[3]);
            assertThat(keyA.hashCode()).isEqualTo(new Twin(a[0], a[1], a[2], a[3]).hashCode());
            assertThat(keyA.equals(keyB)).as(keyA + " vs " + keyB)
                    .isEqualTo(new Twin(a[0], a[1], a[2], a[3]).equals(new Twin(b[0], b[1], b[2], b[3])));
        }
        assertThat(new ResourceKey("", "Service", "ns", "a")).isNotEqualTo("Service ns/a").isNotEqualTo(null);
    }
}
