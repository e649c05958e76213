package io.lintel.plugin.filter.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"X-Header-Set", "x", "a!#$%&'*+-.^_`|~9"})
    void tokens(String name) {
        assertThat(HttpSyntax.isToken(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Header", ":authority", "X-Header:", "é", "a\r\nb", "a/b"})
    void notTokens(String name) {
        assertThat(HttpSyntax.isToken(name)).isFalse();
    }

    @Test
    void headerValuesRejectControlCharacters() {
        assertThat(HttpSyntax.isHeaderValue("a b\tc, d=\"e\"")).isTrue();
        assertThat(HttpSyntax.isHeaderValue("a\r\nX-Injected: 1")).isFalse();
        assertThat(HttpSyntax.isHeaderValue("a\u0000")).isFalse();
        assertThat(HttpSyntax.isHeaderValue("a\u007f")).isFalse();
        assertThat(HttpSyntax.isHeaderValue("caf\u00e9")).isTrue();
        assertThat(HttpSyntax.isHeaderValue("\u20ac")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "a", "one.example.org", "x-1.y2"})
    void preciseHostnames(String host) {
        assertThat(HttpSyntax.isPreciseHostname(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Example.org", "*.example.org", "example.org:80", "-a.org", "a-.org", "a..org",
            "a.org.", "10.0.0.1:8080", "[::1]"})
    void notPreciseHostnames(String host) {
        assertThat(HttpSyntax.isPreciseHostname(host)).isFalse();
    }

    @Test
    void preciseHostnamesAreAtMost253Characters() {
        String label = "a".repeat(63);
        String host253 = label + "." + label + "." + label + "." + "a".repeat(61);
        assertThat(host253).hasSize(253);
        assertThat(HttpSyntax.isPreciseHostname(host253)).isTrue();
        assertThat(HttpSyntax.isPreciseHostname(host253 + "a")).isFalse();
    }

    @Test
    void absolutePaths() {
        assertThat(HttpSyntax.isAbsolutePath("/")).isTrue();
        assertThat(HttpSyntax.isAbsolutePath("/a/b%20c;d=e")).isTrue();
        assertThat(HttpSyntax.isAbsolutePath("")).isFalse();
        assertThat(HttpSyntax.isAbsolutePath("a/b")).isFalse();
        assertThat(HttpSyntax.isAbsolutePath("/a?b=c")).isFalse();
        assertThat(HttpSyntax.isAbsolutePath("/a#b")).isFalse();
        assertThat(HttpSyntax.isAbsolutePath("/a b")).isFalse();
        assertThat(HttpSyntax.isAbsolutePath("/a\r\n")).isFalse();
    }
}
