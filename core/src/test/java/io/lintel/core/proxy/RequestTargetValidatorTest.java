package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetValidatorTest {

    private static HttpRequest request(HttpVersion version, String method, String target, String... hosts) {
        HttpRequest request = new DefaultHttpRequest(version, HttpMethod.valueOf(method), target);
        for (String host : hosts) {
            request.headers().add("Host", host);
        }
        return request;
    }

    private static Integer status(HttpRequest request, boolean http2) {
        RejectedRequest rejected = RequestTargetValidator.validate(request, http2);
        return rejected == null ? null : rejected.status();
    }

    @Test
    void acceptsOrdinaryRequests() {
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/a?b=c", "example.com"), false)).isNull();
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", "example.com:8080"), false)).isNull();
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", "[::1]:8080"), false)).isNull();
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", "10.0.0.1"), false)).isNull();
        assertThat(status(request(HttpVersion.HTTP_1_0, "GET", "/"), false)).isNull();
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "http://b.example/x", "a.example"), false)).isNull();
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/"), true)).isNull();
    }

    @Test
    void refusesMissingAndRepeatedHost() {
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/"), false)).isEqualTo(400);
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", "a", "b"), false)).isEqualTo(400);
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", "a", "a"), false)).isEqualTo(400);
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", "a", "b"), true)).isEqualTo(400);
    }

    @Test
    void collapsesEqualAuthorityAndHostOfAnHttp2Request() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "GET", "/", "a.example", "A.example");
        assertThat(status(request, true)).isNull();
        assertThat(request.headers().getAll("Host")).containsExactly("a.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "user@a", "a\tb", "", ":80", "a:8o", "[::1", "a?b", "a#b", "%zz", "é.example"})
    void refusesHostsThatAreNotUriHostAndPort(String host) {
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", "/", host), false)).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\u0000b", "/a\u0001", "/a\u007f", "*", "a/b", "ftp://a/b", "http://a@b/x",
            "http:///x"})
    void refusesTargetsThatAreNotOriginOrAbsoluteForm(String target) {
        assertThat(status(request(HttpVersion.HTTP_1_1, "GET", target, "a"), false)).isEqualTo(400);
    }

    @Test
    void refusesAsteriskFormEvenForOptions() {
        assertThat(status(request(HttpVersion.HTTP_1_1, "OPTIONS", "*", "a"), false)).isEqualTo(400);
    }

    @Test
    void refusesConnectOverBothProtocols() {
        assertThat(status(request(HttpVersion.HTTP_1_1, "CONNECT", "a:443", "a:443"), false)).isEqualTo(405);
        assertThat(status(request(HttpVersion.HTTP_1_1, "CONNECT", "a:443", "a:443"), true)).isEqualTo(405);
    }

    @Test
    void refusesOtherHttpVersionsOnHttp1() {
        assertThat(status(request(HttpVersion.valueOf("HTTP/1.2"), "GET", "/", "a"), false)).isEqualTo(505);
        assertThat(status(request(HttpVersion.valueOf("HTTP/2.0"), "GET", "/", "a"), false)).isEqualTo(505);
    }

    @Test
    void absoluteFormBecomesOriginFormWithItsAuthorityAsHost() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "GET", "http://b.example:8080/x?y=1", "a.example");
        AbsoluteForm.toOriginForm(request);
        assertThat(request.uri()).isEqualTo("/x?y=1");
        assertThat(request.headers().getAll("Host")).containsExactly("b.example:8080");

        HttpRequest bare = request(HttpVersion.HTTP_1_1, "GET", "HTTPS://b.example?q", "a.example");
        AbsoluteForm.toOriginForm(bare);
        assertThat(bare.uri()).isEqualTo("/?q");
        assertThat(bare.headers().get("Host")).isEqualTo("b.example");
    }
}
