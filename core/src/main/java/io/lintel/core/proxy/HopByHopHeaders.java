package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;

/**
 * Removes the headers that describe one connection, not the message (RFC 9110 §7.6.1), so that each side frames
 * the message for its own connection. Also removes the {@code x-http2-*} headers Netty's HTTP/2 conversion adds.
 */
public final class HopByHopHeaders {

    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString[] HTTP2_EXTENSIONS = {
        AsciiString.cached("x-http2-stream-id"),
        AsciiString.cached("x-http2-scheme"),
        AsciiString.cached("x-http2-stream-dependency-id"),
        AsciiString.cached("x-http2-stream-weight"),
        AsciiString.cached("x-http2-path"),
    };

    private HopByHopHeaders() {}

    /**
     * Strips hop-by-hop headers from a message about to be forwarded.
     *
     * @return whether the message's body was chunked as received (the caller re-frames it)
     */
    public static boolean strip(HttpMessage message, boolean fromHttp2) {
        HttpHeaders headers = message.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(message);
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            removeListed(headers, connection);
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        headers.remove(KEEP_ALIVE);
        headers.remove(HttpHeaderNames.PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.remove(HttpHeaderNames.UPGRADE);
        if (fromHttp2) {
            for (AsciiString name : HTTP2_EXTENSIONS) {
                headers.remove(name);
            }
        }
        return chunked;
    }

    /** Marks a message whose length is not known in advance as chunked (HTTP/1.1 framing). */
    public static void frameAsChunked(HttpMessage message) {
        if (!message.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            message.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
    }

    private static void removeListed(HttpHeaders headers, String connection) {
        // "Connection: close" / "keep-alive" name no header; anything else listed is hop-by-hop too.
        int start = 0;
        int length = connection.length();
        while (start < length) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int tokenStart = start;
            int tokenEnd = end;
            while (tokenStart < tokenEnd && connection.charAt(tokenStart) == ' ') {
                tokenStart++;
            }
            while (tokenEnd > tokenStart && connection.charAt(tokenEnd - 1) == ' ') {
                tokenEnd--;
            }
            if (tokenEnd > tokenStart && !isConnectionOption(connection, tokenStart, tokenEnd)) {
                headers.remove(connection.substring(tokenStart, tokenEnd));
            }
            start = end + 1;
        }
    }

    private static boolean isConnectionOption(String value, int start, int end) {
        int length = end - start;
        return (length == 5 && value.regionMatches(true, start, "close", 0, 5))
                || (length == 10 && value.regionMatches(true, start, "keep-alive", 0, 10));
    }
}
