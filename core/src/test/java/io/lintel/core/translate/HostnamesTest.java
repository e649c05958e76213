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
}
