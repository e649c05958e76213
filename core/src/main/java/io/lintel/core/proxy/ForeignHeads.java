package io.lintel.core.proxy;

import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;

/**
 * Heads a filter made itself (a wrapper around core's head, or a replacement) turned into what the data plane sends:
 * the filter's head is honoured as it reads, through the SPI view only. Core's own heads ({@link NettyRequestHead},
 * {@link NettyResponseHead}, {@link DirectResponseHead}) never come here; they are the Netty objects already.
 */
final class ForeignHeads {

    private ForeignHeads() {}

    /**
     * The request line and headers of {@code head} as a new request head, in {@code original}'s HTTP version and with
     * its body framing ({@code Content-Length}, {@code Transfer-Encoding}).
     */
    static HttpRequest toRequest(HttpRequestHead head, HttpRequest original) {
        String method = head.method();
        HttpMethod nettyMethod = original.method().name().equals(method)
                ? original.method() : HttpMethod.valueOf(method);
        HttpHeaders headers = headersOf(head);
        // the body is the data plane's, whatever the filter's head says: keep its framing
        keepFraming(original.headers(), headers);
        return new DefaultHttpRequest(original.protocolVersion(), nettyMethod, head.pathAndQuery(), headers);
    }

    private static void keepFraming(HttpHeaders from, HttpHeaders to) {
        copyOrRemove(from, to, HttpHeaderNames.CONTENT_LENGTH);
        copyOrRemove(from, to, HttpHeaderNames.TRANSFER_ENCODING);
    }

    private static void copyOrRemove(HttpHeaders from, HttpHeaders to, CharSequence name) {
        List<String> values = from.getAll(name);
        if (values.isEmpty()) {
            to.remove(name);
        } else {
            to.set(name, values);
        }
    }

    /** A copy of the headers of {@code head}, with a {@code Host} from its authority when it has none. */
    static HttpHeaders headersOf(HttpRequestHead head) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : head.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        if (!headers.contains(HttpHeaderNames.HOST) && head.authority() != null && !head.authority().isEmpty()) {
            headers.set(HttpHeaderNames.HOST, head.authority());
        }
        return headers;
    }

    /**
     * Makes {@code response} (a backend's head) carry the status and headers of the filter's {@code head}, except
     * the body's framing ({@code Content-Length}, {@code Transfer-Encoding}), which stays the backend's.
     */
    static void applyTo(HttpResponseHead head, HttpResponse response) {
        response.setStatus(HttpResponseStatus.valueOf(head.status()));
        HttpHeaders framing = new DefaultHttpHeaders();
        keepFraming(response.headers(), framing);
        HttpHeaders headers = response.headers();
        headers.clear();
        for (Map.Entry<String, String> header : head.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        // the body is the backend's, whatever the filter's head says: keep its framing
        keepFraming(framing, headers);
    }

    /** A complete, empty-bodied response with the status and headers of the filter's {@code head}. */
    static FullHttpResponse toResponse(HttpResponseHead head) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(head.status()), Unpooled.EMPTY_BUFFER);
        for (Map.Entry<String, String> header : head.headers()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }
}
