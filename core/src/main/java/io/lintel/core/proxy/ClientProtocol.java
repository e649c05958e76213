package io.lintel.core.proxy;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What differs between the exchanges of an HTTP/1.x client connection (one request after another, framed by this
 * side, kept alive or closed, upgradable) and the one exchange of an HTTP/2 stream (framed by the HTTP/2 codec,
 * ended with the stream). {@link Exchange} and {@link ProxyHandler} ask it instead of branching on the protocol.
 *
 * <p>Stateless singletons: choosing one allocates nothing.
 */
enum ClientProtocol {

    HTTP1 {
        @Override
        boolean http10(HttpRequest request) {
            return request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        }

        @Override
        boolean keepAlive(HttpRequest request) {
            return HopByHopHeaders.keepAlive(request);
        }

        @Override
        String requestedUpgrade(HttpRequest request) {
            return UpgradeTunnel.requestedUpgrade(request);
        }

        @Override
        boolean frameResponse(HttpResponse response, boolean bodyless, boolean http10, boolean keepAlive) {
            return ClientResponseFraming.frameHttp1(response, bodyless, http10, keepAlive);
        }

        @Override
        boolean closesAfterResponse(boolean keepAlive, boolean unreadBody) {
            // an unread request body would have to be read to find the next request; close instead
            return !keepAlive || unreadBody;
        }

        @Override
        boolean servesRequestsOneAfterAnother() {
            return true;
        }

        @Override
        boolean writeLocalResponse(ClientStream client, FullHttpResponse response, boolean close,
                boolean requestComplete, boolean http10) {
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                client.writeFlushAndClose(response);
                return false;
            }
            ClientResponseFraming.connection(response, true, http10);
            client.writeAndFlush(response);
            return true;
        }
    },

    HTTP2 {
        @Override
        boolean http10(HttpRequest request) {
            return false;
        }

        @Override
        boolean keepAlive(HttpRequest request) {
            return true;
        }

        @Override
        String requestedUpgrade(HttpRequest request) {
            return null;
        }

        @Override
        boolean frameResponse(HttpResponse response, boolean bodyless, boolean http10, boolean keepAlive) {
            return keepAlive;  // the HTTP/2 codec frames the stream
        }

        @Override
        boolean closesAfterResponse(boolean keepAlive, boolean unreadBody) {
            return false;  // the stream ends with its response; the connection is not this exchange's to close
        }

        @Override
        boolean servesRequestsOneAfterAnother() {
            return false;
        }

        @Override
        boolean writeLocalResponse(ClientStream client, FullHttpResponse response, boolean close,
                boolean requestComplete, boolean http10) {
            if (requestComplete) {
                client.writeAndFlush(response);
            } else {
                // the client is still sending: reset the stream rather than read a body nobody wants
                client.writeFlushAndClose(response);
            }
            return false;
        }
    };

    /** Whether the request is HTTP/1.0 (its connection closes by default, and bodies cannot be chunked). */
    abstract boolean http10(HttpRequest request);

    /** Whether the connection stays open after this request, as far as the request says. */
    abstract boolean keepAlive(HttpRequest request);

    /** The protocol upgrade (WebSocket) the request asks for, or null. */
    abstract String requestedUpgrade(HttpRequest request);

    /**
     * Frames a backend's final response head (hop-by-hop headers stripped) for the client.
     *
     * @param bodyless whether the response has no body whatever its headers say (HEAD request, 204, 304)
     * @return whether the connection stays open after the response
     */
    abstract boolean frameResponse(HttpResponse response, boolean bodyless, boolean http10, boolean keepAlive);

    /** Whether the connection closes once the response is written. */
    abstract boolean closesAfterResponse(boolean keepAlive, boolean unreadBody);

    /** Whether further requests come on the same handler (HTTP/1.1 keep-alive and pipelining). */
    abstract boolean servesRequestsOneAfterAnother();

    /**
     * Writes a complete response the gateway answers itself; takes ownership of it.
     *
     * @param close what {@link #closesAfterResponse} said
     * @return whether the connection serves another request after it
     */
    abstract boolean writeLocalResponse(ClientStream client, FullHttpResponse response, boolean close,
            boolean requestComplete, boolean http10);
}
