package io.lintel.plugin.filter.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPatternTest {

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource(textBlock = """
            https://www.foo.com,      https://www.foo.com,        true
            https://www.foo.com,      https://WWW.Foo.com,        true
            https://www.foo.com,      HTTPS://www.foo.com,        true
            https://www.foo.com,      https://www.foo.com:443,    true
            https://www.foo.com:443,  https://www.foo.com,        true
            https://www.foo.com,      https://www.foo.com:8443,   false
            https://www.foo.com,      http://www.foo.com,         false
            https://www.foo.com,      https://foo.com,            false
            https://www.foo.com,      https://www.foo.com.evil,   false
            http://www.foo.com,       http://www.foo.com:80,      true
            http://a.com:8080,        http://a.com:8080,          true
            http://a.com:8080,        http://a.com,               false
            https://*.bar.com,        https://www.bar.com,        true
            https://*.bar.com,        https://xpto.www.bar.com,   true
            https://*.bar.com,        https://bar.com,            false
            https://*.bar.com,        https://foobar.com,         false
            https://*.bar.com,        https://www.bar.com:8443,   false
            https://*.bar.com,        http://www.bar.com,         false
            https://*,                https://anything.example,   true
            https://*,                http://anything.example,    false
            https://*:8443,           https://a.example:8443,     true
            *,                        https://foobar.com:12345,   true
            *,                        null,                       true
            https://www.foo.com,      null,                       false
            https://www.foo.com,      www.foo.com,                false
            https://www.foo.com,      https://www.foo.com:0,      false
            https://www.foo.com,      https://www.foo.com:x,      false
            https://www.foo.com,      https://www.foo.com/path,   false
            http://[::1]:8080,        http://[::1]:8080,          true
            http://[::1],             http://[::1]:80,            true
            """)
    void matchesOriginsAsGep1767Says(String pattern, String origin, boolean allowed) {
        assertThat(OriginPattern.parse(pattern).matches(origin)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "www.foo.com", "ftp://www.foo.com", "https://", "https://www.foo.com/",
            "https://www.foo.com:0", "https://www.foo.com:65536", "https://www.*.com", "https://foo*.com",
            "https://*foo.com", "https://**", "https://user@foo.com", "https://-foo.com", "**"})
    void rejectsWhatIsNotAnOriginPattern(String pattern) {
        assertThatThrownBy(() -> OriginPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern.isEmpty() ? "\"\"" : pattern);
    }
}
