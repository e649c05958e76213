package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Iterator;
import java.util.List;

/**
 * Refuses request heads that Netty's HTTP codec accepts but a gateway must not route or forward (RFC 9110, 9112,
 * 9113): the status to answer and why, or null when the head may go on. What the codec itself refuses (CL with TE,
 * differing or repeated Content-Length, bad chunk sizes, bare LF, a malformed request line) never gets here: such a
 * head or body part carries a decoder failure, which the exchange answers with 400 and a closed connection.
 *
 * <ul>
 *   <li>a protocol version other than HTTP/1.0 and HTTP/1.1 on an HTTP/1 connection ({@code HTTP/1.2},
 *       {@code HTTP/2.0} in a request line): 505;</li>
 *   <li>{@code CONNECT}, over HTTP/1.1 and HTTP/2: 405 (Lintel tunnels nothing; never forwarded);</li>
 *   <li>a request-target with a control character, DEL or a space: 400;</li>
 *   <li>a request-target that is not origin-form ({@code /...}) nor absolute-form ({@code http://} or
 *       {@code https://}): 400; this includes asterisk-form ({@code OPTIONS *} too: no route or backend stands for
 *       the server as a whole);</li>
 *   <li>an HTTP/1.1 request without {@code Host}, a request with more than one {@code Host} (over HTTP/2, the
 *       {@code :authority} and a {@code host} field are allowed together when equal: they are collapsed into one),
 *       a {@code Host} or absolute-form authority that is not {@code uri-host [ ":" port ]}: 400.</li>
 * </ul>
 */
public final class RequestTargetValidator {

    private RequestTargetValidator() {}

    /** Null when the request may be routed, else what to answer. May collapse equal HTTP/2 Host values into one. */
    public static RejectedRequest validate(HttpRequest request, boolean http2) {
        HttpVersion version = request.protocolVersion();
        if (!http2 && (version.majorVersion() != 1 || version.minorVersion() > 1)) {
            return new RejectedRequest(505, "HTTP version " + version.text() + " on an HTTP/1 connection");
        }
        if (HttpMethod.CONNECT.equals(request.method())) {
            return new RejectedRequest(405, "CONNECT is not supported");
        }
        String target = request.uri();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return new RejectedRequest(400, "control character or space in the request-target");
            }
        }
        boolean absoluteForm;
        if (target.isEmpty() || target.charAt(0) != '/') {
            if (target.equals("*")) {
                return new RejectedRequest(400, "asterisk-form request-target");
            }
            absoluteForm = AbsoluteForm.isAbsoluteForm(target);
            if (!absoluteForm) {
                return new RejectedRequest(400, "request-target is neither origin-form nor absolute-form");
            }
            if (!HostSyntax.isValid(AbsoluteForm.authority(target))) {
                return new RejectedRequest(400, "invalid authority in an absolute-form request-target");
            }
        }
        return validateHost(request, http2, version);
    }

    private static RejectedRequest validateHost(HttpRequest request, boolean http2, HttpVersion version) {
        // an iterator rather than getAll: no list for the one Host of nearly every request
        Iterator<String> hosts = request.headers().valueStringIterator(HttpHeaderNames.HOST);
        if (!hosts.hasNext()) {
            // HTTP/1.0 may omit it, and an HTTP/2 request may have no :authority (RFC 9113 section 8.3.1)
            return http2 || version.minorVersion() == 0 ? null : new RejectedRequest(400, "no Host header");
        }
        hosts.next();
        // the iterator's order is not the headers' order: the first value comes from get
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (hosts.hasNext()) {
            if (!http2 || !allEqual(request.headers().getAll(HttpHeaderNames.HOST))) {
                return new RejectedRequest(400, "more than one Host header");
            }
            request.headers().set(HttpHeaderNames.HOST, host);
        }
        if (!HostSyntax.isValid(host)) {
            return new RejectedRequest(400, "invalid Host header");
        }
        return null;
    }

    private static boolean allEqual(List<String> values) {
        String first = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            if (!first.equalsIgnoreCase(values.get(i))) {
                return false;
            }
        }
        return true;
    }
}
