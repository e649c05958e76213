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
}
