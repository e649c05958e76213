package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionMapTest {

    @Test
    void findsKeysByRegionIncludingEqualHashes() {
        // "Aa" and "BB" have the same String.hashCode
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        RegionMap<String> map = RegionMap.of(Map.of("Aa", "first", "BB", "second", "", "empty", "/p1", "p1"));
        assertThat(map.get("xAay", 1, 3)).isEqualTo("first");
        assertThat(map.get("BB", 0, 2)).isEqualTo("second");
        assertThat(map.get("AB", 0, 2)).isNull();
        assertThat(map.get("/p1/x", 0, 3)).isEqualTo("p1");
        assertThat(map.get("/p1/x", 0, 4)).isNull();
        assertThat(map.get("abc", 1, 1)).isEqualTo("empty");
        assertThat(map.get("xAay", 1, 3, RegionMap.hash("xAay", 1, 3))).isEqualTo("first");
        assertThat(RegionMap.of(Map.<String, String>of()).get("a", 0, 1)).isNull();
    }

    @Test
    void manySimilarKeys() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            entries.put("p" + i, i);
        }
        RegionMap<Integer> map = RegionMap.of(entries);
        assertThat(map.size()).isEqualTo(50_000);
        for (int i = 0; i < 50_000; i += 7) {
            String path = "/p" + i + "/x";
            assertThat(map.get(path, 1, path.length() - 2)).isEqualTo(i);
        }
        assertThat(map.get("/p50000/x", 1, 7)).isNull();
    }
}
