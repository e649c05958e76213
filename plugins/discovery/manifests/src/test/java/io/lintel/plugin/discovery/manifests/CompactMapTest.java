package io.lintel.plugin.discovery.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactMapTest {

    private static LinkedHashMap<String, Object> source() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("kind", "HTTPRoute");
        map.put("apiVersion", "gateway.networking.k8s.io/v1");
        map.put("empty", null);
        map.put("spec", Map.of("rules", List.of()));
        return map;
    }

    @Test
    void holdsTheSameEntriesInTheSameOrder() {
        CompactMap map = new CompactMap(source());

        assertThat(map).containsExactlyEntriesOf(source());
        assertThat(map.keySet()).containsExactly("kind", "apiVersion", "empty", "spec");
        assertThat(map.get("kind")).isEqualTo("HTTPRoute");
        assertThat(map.get("missing")).isNull();
        assertThat(map.containsKey("empty")).isTrue();
        assertThat(map.containsKey("missing")).isFalse();
        assertThat(map.get("empty")).isNull();
    }

    @Test
    void equalsAndHashesAsAnyMapWithTheSameEntries() {
        CompactMap map = new CompactMap(source());

        assertThat(map).isEqualTo(source()).isEqualTo(new HashMap<>(source()));
        assertThat(source()).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(source().hashCode());
        LinkedHashMap<String, Object> other = source();
        other.put("kind", "GRPCRoute");
        assertThat(map).isNotEqualTo(other);
    }

    @Test
    void cannotBeChanged() {
        CompactMap map = new CompactMap(source());

        assertThatThrownBy(() -> map.put("kind", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("kind")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
