package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Rewrites a client's request head, in place, into the head sent to a backend connection: hop-by-hop headers
 * stripped (the upgrade headers kept when an upgrade was asked for), HTTP/1.1 with chunked framing where the body's
 * length is unknown, and {@code X-Forwarded-For}/{@code X-Forwarded-Proto} set.
 *
 * <p>Stateless; allocates nothing beyond the header values it sets. Runs on the client channel's event loop.
 */
final class ForwardedRequestHeaders {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");

    private ForwardedRequestHeaders() {}

    /**
     * @param fromHttp2 whether the request came from an HTTP/2 stream (its body is always re-framed as chunked)
     * @param hasBody whether the request has a body
     * @param upgrade the upgrade the request asks for ({@link UpgradeTunnel#requestedUpgrade}), or null
     * @param clientAddress the client's address as {@link #clientAddress} gives it
     * @param scheme the scheme the client used ({@code http} or {@code https})
     */
    static void prepare(HttpRequest forwarded, boolean fromHttp2, boolean hasBody, String upgrade,
            String clientAddress, String scheme) {
        boolean chunked = HopByHopHeaders.strip(forwarded, fromHttp2);
        if (upgrade != null) {
            UpgradeTunnel.keepUpgradeHeaders(forwarded, upgrade);
        }
        forwarded.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (hasBody && (chunked || fromHttp2)) {
            HopByHopHeaders.frameAsChunked(forwarded);
        }
        String existing = forwarded.headers().get(X_FORWARDED_FOR);
        forwarded.headers().set(X_FORWARDED_FOR, existing == null ? clientAddress : existing + ", " + clientAddress);
        forwarded.headers().set(X_FORWARDED_PROTO, scheme);
    }

    /** The client's IP address as {@code X-Forwarded-For} names it (the address's string form when not IP). */
    static String clientAddress(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(remote);
    }
}
