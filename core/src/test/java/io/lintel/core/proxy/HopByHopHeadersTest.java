package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    @Test
    void removesEveryHopByHopHeaderAndWhatConnectionListsKeepingTheRest() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .add("Connection", "keep-alive, X-Private , close")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Connection", "keep-alive")
                .add("TE", "trailers")
                .add("Trailer", "x-checksum")
                .add("Upgrade", "h2c")
                .add("X-Private", "secret")
                .add("Content-Type", "text/plain")
                .add("Content-Length", "3")
                .add("ETag", "\"abc\"");

        boolean chunked = HopByHopHeaders.strip(response, false);

        assertThat(chunked).isFalse();
        assertThat(response.headers().names())
                .containsExactlyInAnyOrder("Content-Type", "Content-Length", "ETag");
    }

    @Test
    void namesMatchInAnyCase() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().add("CONNECTION", "close").add("kEeP-aLiVe", "1").add("transfer-ENCODING", "chunked")
                .add("Server", "x");

        boolean chunked = HopByHopHeaders.strip(response, false);

        assertThat(chunked).isTrue();
        assertThat(response.headers().names()).containsExactly("Server");
    }

    @Test
    void reportsChunkedOnlyWhenTransferEncodingEndsInChunked() {
        HttpRequest gzipOnly = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        gzipOnly.headers().add("Transfer-Encoding", "gzip");
        HttpRequest none = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        none.headers().add("Content-Length", "0");

        assertThat(HopByHopHeaders.strip(gzipOnly, false)).isFalse();
        assertThat(gzipOnly.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(HopByHopHeaders.strip(none, false)).isFalse();
        assertThat(none.headers().get("Content-Length")).isEqualTo("0");
    }

    @Test
    void removesNettysHttp2ConversionHeadersOnlyForMessagesFromHttp2() {
        HttpRequest fromHttp2 = http2ConvertedRequest();
        HttpRequest fromHttp1 = http2ConvertedRequest();

        HopByHopHeaders.strip(fromHttp2, true);
        HopByHopHeaders.strip(fromHttp1, false);

        assertThat(fromHttp2.headers().names()).containsExactlyInAnyOrder("host", "x-http2-custom");
        assertThat(fromHttp1.headers().names()).hasSize(4);
    }

    @Test
    void leavesAMessageWithoutHopByHopHeadersUntouched() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().add("Host", "a.example").add("Accept", "*/*").add("Accept", "text/plain");

        assertThat(HopByHopHeaders.strip(request, false)).isFalse();
        assertThat(request.headers().getAll("Accept")).containsExactly("*/*", "text/plain");
        assertThat(request.headers().size()).isEqualTo(3);
    }

    private static HttpRequest http2ConvertedRequest() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().add("host", "a.example").add("x-http2-stream-id", "3").add("x-http2-scheme", "https")
                .add("x-http2-custom", "kept: not one Netty adds");
        return request;
    }

    @Test
    void keepAliveFollowsTheConnectionOptionsAndTheVersionsDefault() {
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_1))).isTrue();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_1, "keep-alive"))).isTrue();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_1, "Close"))).isFalse();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_1, "x-private,\tclose "))).isFalse();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_1, "keep-alive", "close"))).isFalse();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_1, "closed"))).isTrue();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_0))).isFalse();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_0, "Keep-Alive"))).isTrue();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_0, "upgrade, keep-alive"))).isTrue();
        assertThat(HopByHopHeaders.keepAlive(response(HttpVersion.HTTP_1_0, "keep-alive, close"))).isFalse();
    }

    private static HttpResponse response(HttpVersion version, String... connection) {
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        response.headers().add("Server", "test");
        for (String value : connection) {
            response.headers().add("Connection", value);
        }
        return response;
    }
}
