package io.lintel.core.proxy;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Frames response heads for the client's connection: how the body's end is told (length, chunks or the close) and
 * what {@code Connection} says, for HTTP/1.0 and HTTP/1.1 clients; HTTP/2 streams frame themselves.
 *
 * <p>Stateless. Heads are changed in place; the methods that build a message say who owns its buffers. Runs on the
 * client channel's event loop.
 */
final class ClientResponseFraming {

    private ClientResponseFraming() {}

    /**
     * Frames a backend's final response head (hop-by-hop headers already stripped) for an HTTP/1.x client.
     *
     * @param bodyless whether the response has no body whatever its headers say (HEAD request, 204, 304)
     * @param keepAlive whether the connection stays open after this exchange so far
     * @return whether it stays open now: an HTTP/1.0 client learns the end of a body without length from the close
     */
    static boolean frameHttp1(HttpResponse response, boolean bodyless, boolean http10, boolean keepAlive) {
        if (!bodyless && !response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (http10) {
                keepAlive = false;
            } else {
                HopByHopHeaders.frameAsChunked(response);
            }
        }
        connection(response, keepAlive, http10);
        return keepAlive;
    }

    /**
     * Says in {@code Connection} that the connection closes after this response, or, to an HTTP/1.0 client (whose
     * default is to close), that it stays open.
     */
    static void connection(HttpResponse response, boolean keepAlive, boolean http10) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** A backend's interim response (1xx other than 101) as passed on to the client; strips {@code response}. */
    static FullHttpResponse interim(HttpResponse response) {
        HopByHopHeaders.strip(response, false);
        FullHttpResponse interim = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status());
        interim.headers().set(response.headers());
        return interim;
    }

    /** Head and last part as one message (one encoding, one buffer); takes over {@code last}'s content. */
    static FullHttpResponse joined(HttpResponse head, LastHttpContent last) {
        return new DefaultFullHttpResponse(head.protocolVersion(), head.status(), last.content(), head.headers(),
                last.trailingHeaders());
    }
}
