package io.lintel.core.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnamesTest {

    @ParameterizedTest(name = "listener {0} x route {1} -> {2}")
    @CsvSource({
        "*, *, *",
        "*, foo.com, foo.com",
        "foo.com, *, foo.com",
        "foo.com, foo.com, foo.com",
        "foo.com, bar.com, ",
        "*.example.com, a.example.com, a.example.com",
        "*.example.com, a.b.example.com, a.b.example.com",
        "*.example.com, example.com, ",
        "a.example.com, *.example.com, a.example.com",
        "*.example.com, *.a.example.com, *.a.example.com",
        "*.a.example.com, *.example.com, *.a.example.com",
        "*.example.com, *.example.org, ",
    })
    void intersects(String listener, String route, String expected) {
        assertThat(Hostnames.intersect(listener, route).orElse(null)).isEqualTo(expected);
    }

    @Test
    void ordersExactNamesThenWildcardsByLengthThenAny() {
        List<String> hostnames = new ArrayList<>(List.of("*", "*.example.com", "a.example.com", "*.a.example.com", "b.com"));
        hostnames.sort(Hostnames.MOST_SPECIFIC_FIRST);
        assertThat(hostnames).containsExactly("a.example.com", "b.com", "*.a.example.com", "*.example.com", "*");
    }

    @Test
    void mostSpecificFirstOrdersAsTheGatewayApiRankingDoes() {
        java.util.Comparator<String> reference = java.util.Comparator
                .comparingInt((String h) -> h.equals("*") ? 2 : h.startsWith("*.") ? 1 : 0)
                .thenComparing(java.util.Comparator.comparingInt(String::length).reversed())
                .thenComparing(java.util.Comparator.naturalOrder());
        java.util.Random random = new java.util.Random(5);
        String[] labels = {"*", "a", "b", "ab", "example", "com", "x-1"};
        List<String> hostnames = new ArrayList<>(List.of("*", "*.", "*.com", "a.com"));
        for (int i = 0; i < 300; i++) {
            StringBuilder name = new StringBuilder(labels[random.nextInt(labels.length)]);
            for (int n = random.nextInt(3); n > 0; n--) {
                name.append('.').append(labels[1 + random.nextInt(labels.length - 1)]);
            }
            hostnames.add(name.toString());
        }
        for (String a : hostnames) {
            for (String b : hostnames) {
                assertThat(Integer.signum(Hostnames.MOST_SPECIFIC_FIRST.compare(a, b))).as(a + " vs " + b)
                        .isEqualTo(Integer.signum(reference.compare(a, b)));
            }
        }
    }
}
