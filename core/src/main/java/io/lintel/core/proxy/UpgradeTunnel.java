package io.lintel.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * An HTTP/1.1 protocol upgrade (WebSocket) between a client and a backend connection: recognises the upgrade a
 * request asks for, answers the client with the backend's {@code 101} and takes the client's connection out of HTTP,
 * then relays raw bytes client to backend. (Backend to client, {@link BackendListener#onBackendBytes} hands them
 * over.) The backend's side of the switch is its connection's: core's own codec for a plain HTTP/1.1 backend, else
 * the backend protocol plugin ({@link BackendHandler#switchProtocols}).
 *
 * <p>Stateless: the proxy handler keeps whether its connection is a tunnel. Threading: every method runs on the
 * client channel's event loop, which is also the backend channel's (pools are per event loop).
 */
final class UpgradeTunnel {

    private UpgradeTunnel() {}

    /** The WebSocket upgrade an HTTP/1.1 request asks for (its {@code Upgrade} value), or null. */
    static String requestedUpgrade(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")
                || !request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return null;
        }
        return upgrade.trim();
    }

    /**
     * Keeps the upgrade headers on a request whose hop-by-hop headers were stripped: hop-by-hop, yet the backend must
     * see them to switch protocols (RFC 9110 section 7.8).
     */
    static void keepUpgradeHeaders(HttpRequest forwarded, String upgrade) {
        forwarded.headers().set(HttpHeaderNames.UPGRADE, upgrade);
        forwarded.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }

    /**
     * Answers the client's upgrade with the backend's 101 and removes the HTTP codecs from the client's pipeline so
     * that bytes flow as they come until either side closes, and reads the client again. The backend connection has
     * already been taken out of HTTP ({@link BackendHandler#switchProtocols}). No timeout applies any more (timers
     * ended with the response head; idle connections in a tunnel stay open).
     *
     * @param response the backend's 101 head, hop-by-hop headers already stripped; only its status and headers are
     *     used (it holds no buffer)
     */
    static void switchTo(ChannelHandlerContext client, HttpResponse response, String upgrade) {
        response.headers().set(HttpHeaderNames.UPGRADE, upgrade);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.EMPTY_BUFFER, response.headers(), EmptyHttpHeaders.INSTANCE), client.voidPromise());
        removeHttpCodecs(client.pipeline());
        client.read();
    }

    /**
     * Relays what the client sent through the tunnel to the backend (flushed at the end of the client's read). Takes
     * ownership of {@code msg}: written when it is bytes and the backend is there, released otherwise.
     */
    static void relayToBackend(Object msg, BackendHandler backend) {
        if (backend != null && msg instanceof ByteBuf bytes) {
            backend.channel().write(bytes, backend.channel().voidPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Ends the client's read in the tunnel: flushes what it relayed and reads the client again while the backend can
     * take more (else {@link BackendListener#onBackendWritable} resumes it).
     */
    static void clientReadComplete(ChannelHandlerContext client, BackendHandler backend) {
        if (backend != null) {
            backend.channel().flush();
            if (backend.channel().isWritable()) {
                client.read();
            }
        }
    }

    private static void removeHttpCodecs(ChannelPipeline pipeline) {
        for (var entry : pipeline.toMap().entrySet()) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof HttpServerCodec
                    || handler instanceof HttpServerUpgradeHandler
                    || handler instanceof HttpServerKeepAliveHandler) {
                pipeline.remove(handler);
            }
        }
    }
}
