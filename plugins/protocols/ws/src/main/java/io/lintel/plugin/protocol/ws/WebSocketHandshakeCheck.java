package io.lintel.plugin.protocol.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Follows the WebSocket opening handshake on a backend connection (RFC 6455 section 4.1): remembers the
 * {@code Sec-WebSocket-Key} of the request going out, and whether the backend's {@code 101} answers it (upgrade to
 * {@code websocket}, {@code Sec-WebSocket-Accept} derived from that key). {@link WebSocketBackendProtocol} asks it
 * before taking the connection over, so that a client never gets a tunnel to a backend that did not accept.
 *
 * <p>Passes every message on unchanged; looks at request and response heads only, and computes the expected accept
 * value only for a {@code 101}. One per connection; event loop only.
 */
final class WebSocketHandshakeCheck extends ChannelDuplexHandler {

    /** The GUID RFC 6455 appends to the key. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The key of the request in progress when it is a WebSocket handshake, else null. */
    private String key;
    private boolean accepted;

    /** Whether the backend's last {@code 101} completed the handshake of the request it answered. */
    boolean accepted() {
        return accepted;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpRequest request) {
            key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
            accepted = false;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            accepted = completes(response.headers());
        }
        ctx.fireChannelRead(msg);
    }

    private boolean completes(HttpHeaders headers) {
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        String accept = headers.get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
        return key != null && upgrade != null && upgrade.trim().equalsIgnoreCase("websocket") && accept != null
                && accept.trim().equals(acceptFor(key.trim()));
    }

    /** The {@code Sec-WebSocket-Accept} value answering {@code key}. */
    static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
