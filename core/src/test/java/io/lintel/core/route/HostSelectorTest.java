package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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

    @Test
    void longestWildcardSuffixWinsAmongMany() {
        HostSelector.Builder<String> builder = HostSelector.builder();
        for (int i = 0; i < 5000; i++) {
            builder.add("*.t" + i + ".example.com", "t" + i);
        }
        builder.add("*.example.com", "any-example").add("*.com", "any-com").add("*.deep.t7.example.com", "deep");
        HostSelector<String> selector = builder.build();
        assertThat(selector.select("a.t4999.example.com")).isEqualTo("t4999");
        assertThat(selector.select("a.b.t0.example.com")).isEqualTo("t0");
        assertThat(selector.select("x.deep.t7.example.com")).isEqualTo("deep");
        assertThat(selector.select("deep.t7.example.com")).isEqualTo("t7");
        assertThat(selector.select("t7.example.com")).isEqualTo("any-example");
        assertThat(selector.select("t5000x.example.com")).isEqualTo("any-example");
        assertThat(selector.select("example.com")).isEqualTo("any-com");
        assertThat(selector.select("com")).isNull();
        assertThat(selector.select(".com")).isNull();
        assertThat(selector.select("")).isNull();
    }

    /** The selection before wildcards were hashed: wildcard suffixes scanned longest first. */
    private static String reference(List<String> hostnames, String host) {
        String exact = null;
        String catchAll = null;
        List<String> suffixes = new ArrayList<>();
        for (String hostname : hostnames) {
            if (hostname.equals("*")) {
                catchAll = catchAll == null ? hostname : catchAll;
            } else if (hostname.startsWith("*.")) {
                if (!suffixes.contains(hostname.substring(1))) {
                    suffixes.add(hostname.substring(1));
                }
            } else if (hostname.equals(host) && exact == null) {
                exact = hostname;
            }
        }
        if (exact != null) {
            return exact;
        }
        suffixes.sort(Comparator.comparingInt(String::length).reversed());
        for (String suffix : suffixes) {
            if (host.length() > suffix.length() && host.endsWith(suffix)) {
                return "*" + suffix;
            }
        }
        return catchAll;
    }

    @Test
    void agreesWithTheLinearWildcardScan() {
        String[] labels = {"a", "b", "ab", "example", "com", "x-1", ""};
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> hostnames = new ArrayList<>();
            HostSelector.Builder<String> builder = HostSelector.builder();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                String name = name(random, labels);
                String hostname = switch (random.nextInt(5)) {
                    case 0 -> "*";
                    case 1, 2 -> "*." + name;
                    default -> name;
                };
                hostnames.add(hostname);
                builder.add(hostname, hostname);
            }
            HostSelector<String> selector = builder.build();
            for (int r = 0; r < 40; r++) {
                String host = name(random, labels);
                assertThat(selector.select(host)).as("%s in %s", host, hostnames).isEqualTo(reference(hostnames, host));
            }
        }
    }

    private static String name(Random random, String[] labels) {
        StringBuilder name = new StringBuilder(labels[random.nextInt(labels.length - 1)]);
        int more = random.nextInt(4);
        for (int i = 0; i < more; i++) {
            name.append('.').append(labels[random.nextInt(labels.length)]);
        }
        return name.toString();
    }
}
