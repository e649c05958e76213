package io.lintel.plugin.filter.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorityTest {

    @ParameterizedTest(name = "{0} -> host {1}, port {2}")
    @CsvSource(emptyValue = "", textBlock = """
            example.org,        example.org, -1
            example.org:8080,   example.org, 8080
            127.0.0.1:80,       127.0.0.1,   80
            [::1],              [::1],       -1
            [::1]:8443,         [::1],       8443
            host:,              host,        -1
            host:99999,         host,        -1
            host:0,             host,        -1
            host:123456,        host,        -1
            host:8a,            host,        -1
            '',                 '',          -1
            """)
    void splitsHostAndPort(String authority, String host, int port) {
        assertThat(Authority.host(authority)).isEqualTo(host);
        assertThat(Authority.port(authority, -1)).isEqualTo(port);
    }
}
