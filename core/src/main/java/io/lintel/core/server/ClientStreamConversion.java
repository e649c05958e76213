package io.lintel.core.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * The conversions of a client stream's request head (HTTP/2 to HTTP/1.x objects) and response head (back to HTTP/2
 * headers) that every stream makes, done as {@link io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec}
 * does them but without what a proxied stream never uses. Profiled under the h2c load of {@code bench/run} (a small
 * proxied GET per stream), Netty's two conversions were 11% of the event loop's CPU.
 * <ul>
 *   <li>A request whose HEADERS end the stream (a GET) becomes a full request with an empty unpooled body and no
 *       trailer headers object (Netty allocates a pooled buffer and a second headers map for each), which
 *       {@code Exchange} splits at once anyway. The header translation itself is Netty's
 *       ({@link HttpConversionUtil#addHttp2ToHttpHeaders}: {@code :authority} to {@code Host}, cookies joined,
 *       pseudo and connection headers refused), so what the proxy sees is unchanged.</li>
 *   <li>A response head's headers are copied into HTTP/2 headers that are not validated again: they were validated
 *       as the backend's response was decoded (or are the gateway's own), and the names are lower-cased here. Netty
 *       builds a map of the {@code Connection} header's names for every response; a response with a header that
 *       needs more than dropping ({@code Connection}, {@code TE}, {@code Cookie}, {@code x-http2-*}, a name that is
 *       empty or starts with a colon) is converted by Netty, as before.</li>
 * </ul>
 */
final class ClientStreamConversion {

    private static final HttpVersion VERSION = HttpVersion.HTTP_1_1;
    /** Names Netty drops when converting to HTTP/2 (its {@code HTTP_TO_HTTP2_HEADER_BLACKLIST}, x-http2-* aside). */
    private static final AsciiString[] DROPPED = {
        HttpHeaderNames.KEEP_ALIVE,
        HttpHeaderNames.PROXY_CONNECTION,
        HttpHeaderNames.TRANSFER_ENCODING,
        HttpHeaderNames.HOST,
        HttpHeaderNames.UPGRADE,
    };
    /** Names that make the response take Netty's conversion (see the class comment). */
    private static final AsciiString[] NETTY_CONVERTS = {
        HttpHeaderNames.CONNECTION,
        HttpHeaderNames.TE,
        HttpHeaderNames.COOKIE,
    };
    private static final AsciiString HTTP2_EXTENSION_PREFIX = AsciiString.cached("x-http2-");

    private ClientStreamConversion() {}

    /**
     * The request head of a HEADERS frame that opens a stream, or null when it is not one this conversion makes
     * (no {@code :method} or path, a {@code :status}: Netty's conversion then answers as it did).
     *
     * @throws Http2Exception a stream error when the headers cannot be translated, as Netty's conversion throws
     */
    static HttpRequest requestHead(Http2HeadersFrame frame) throws Http2Exception {
        Http2Headers received = frame.headers();
        CharSequence method = received.method();
        if (method == null || received.status() != null) {
            return null;
        }
        // a CONNECT request's target is its authority (RFC 9113 §8.5), as in Netty's conversion
        CharSequence target = HttpMethod.CONNECT.asciiName().contentEqualsIgnoreCase(method)
                ? received.authority() : received.path();
        if (target == null) {
            return null;
        }
        int streamId = frame.stream() == null ? 0 : frame.stream().id();
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        try {
            HttpConversionUtil.addHttp2ToHttpHeaders(streamId, received, headers, VERSION, false, true);
        } catch (Http2Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw Http2Exception.streamError(streamId, Http2Error.PROTOCOL_ERROR, e,
                    "HTTP/2 to HTTP/1.x headers conversion error");
        }
        HttpMethod httpMethod = HttpMethod.valueOf(method.toString());
        if (frame.isEndStream()) {
            return new DefaultFullHttpRequest(VERSION, httpMethod, target.toString(), Unpooled.EMPTY_BUFFER, headers,
                    EmptyHttpHeaders.INSTANCE);
        }
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // as Netty's conversion: a body of unknown length is chunked in HTTP/1.x terms
            headers.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return new DefaultHttpRequest(VERSION, httpMethod, target.toString(), headers);
    }

    /**
     * The HTTP/2 headers of a response head (not a {@code 100 Continue}), or null when Netty's conversion must make
     * them (see the class comment).
     */
    static Http2Headers responseHeaders(HttpResponse response) {
        HttpHeaders headers = response.headers();
        Http2Headers out = new DefaultHttp2Headers(false, headers.size() + 1);
        out.status(response.status().codeAsText());
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> entry = it.next();
            CharSequence name = entry.getKey();
            if (name.length() == 0 || name.charAt(0) == ':' || isOneOf(name, NETTY_CONVERTS)
                    || AsciiString.regionMatches(name, true, 0, HTTP2_EXTENSION_PREFIX, 0,
                            HTTP2_EXTENSION_PREFIX.length())) {
                return null;
            }
            if (!isOneOf(name, DROPPED)) {
                out.add(AsciiString.of(name).toLowerCase(), entry.getValue());
            }
        }
        return out;
    }

    private static boolean isOneOf(CharSequence name, AsciiString[] names) {
        int length = name.length();
        for (AsciiString candidate : names) {
            if (candidate.length() == length && candidate.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
