package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostSelectorTest {

    @Test
    void normalizeStripsPortCaseAndTrailingDot() {
        assertThat(HostNames.normalize("Foo.Example.COM:8080")).isEqualTo("foo.example.com");
        assertThat(HostNames.normalize("foo.example.com.")).isEqualTo("foo.example.com");
        assertThat(HostNames.normalize("[::1]:80")).isEqualTo("::1");
        assertThat(HostNames.normalize("::1")).isEqualTo("::1");
        assertThat(HostNames.normalize(null)).isEmpty();
        String plain = "plain.example.com";
        assertThat(HostNames.normalize(plain)).isSameAs(plain);
    }

    @Test
    void exactBeatsWildcardBeatsCatchAll() {
        HostSelector<String> selector = HostSelector.<String>builder()
                .add("*", "any")
                .add("*.example.com", "wild")
                .add("*.foo.example.com", "wild-longer")
                .add("a.example.com", "exact")
                .build();
        assertThat(selector.select("a.example.com")).isEqualTo("exact");
        assertThat(selector.select("b.example.com")).isEqualTo("wild");
        assertThat(selector.select("x.foo.example.com")).isEqualTo("wild-longer");
        assertThat(selector.select("deep.x.foo.example.com")).isEqualTo("wild-longer");
        assertThat(selector.select("example.com")).isEqualTo("any");
        assertThat(selector.select("other.org")).isEqualTo("any");
    }

    @Test
    void wildcardNeedsAtLeastOneLabel() {
        HostSelector<String> selector = HostSelector.<String>builder().add("*.example.com", "wild").build();
        assertThat(selector.select("a.example.com")).isEqualTo("wild");
        assertThat(selector.select("a.b.example.com")).isEqualTo("wild");
        assertThat(selector.select("example.com")).isNull();
        assertThat(selector.select(".example.com")).isNull();
        assertThat(selector.select("aexample.com")).isNull();
    }

    @Test
    void hostnamesAreCaseInsensitiveAndFirstEntryWins() {
        HostSelector<String> selector = HostSelector.<String>builder()
                .add("A.Example.com", "first")
                .add("a.example.com", "second")
                .build();
        assertThat(selector.select("a.example.com")).isEqualTo("first");
    }
}
