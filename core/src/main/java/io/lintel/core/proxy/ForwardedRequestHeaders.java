package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Rewrites a client's request head, in place, into the head sent to a backend connection: hop-by-hop headers
 * stripped (the upgrade headers kept when an upgrade was asked for), HTTP/1.1 with chunked framing where the body's
 * length is unknown, and the forwarding headers made true: {@code X-Forwarded-For}/{@code X-Forwarded-Proto} set, and
 * {@code X-Real-IP}, {@code X-Forwarded-Host} and {@code Forwarded} replaced by what the gateway saw unless the client
 * is a trusted proxy ({@link TrustedProxies}), whose chain is appended to instead.
 *
 * <p>Stateless; allocates nothing beyond the header values it sets. Runs on the client channel's event loop.
 */
final class ForwardedRequestHeaders {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString X_REAL_IP = AsciiString.cached("x-real-ip");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private ForwardedRequestHeaders() {}

    /**
     * @param fromHttp2 whether the request came from an HTTP/2 stream (its body is always re-framed as chunked)
     * @param hasBody whether the request has a body
     * @param upgrade the upgrade the request asks for ({@link UpgradeTunnel#requestedUpgrade}), or null
     * @param clientAddress the client's address as {@link #clientAddress} gives it
     * @param scheme the scheme the client used ({@code http} or {@code https})
     * @param trustedClient whether the client is a proxy whose forwarding headers are believed
     *     ({@link TrustedProxies#trusts}, decided once per connection)
     * @param trust the trusted proxies, for cutting a trusted client's {@code X-Forwarded-For}
     */
    static void prepare(HttpRequest forwarded, boolean fromHttp2, boolean hasBody, String upgrade,
            String clientAddress, String scheme, boolean trustedClient, TrustedProxies trust) {
        boolean chunked = HopByHopHeaders.strip(forwarded, fromHttp2);
        if (upgrade != null) {
            UpgradeTunnel.keepUpgradeHeaders(forwarded, upgrade);
        }
        forwarded.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (hasBody && (chunked || fromHttp2)) {
            HopByHopHeaders.frameAsChunked(forwarded);
        }
        HttpHeaders headers = forwarded.headers();
        if (trustedClient) {
            appendToTrustedChain(headers, clientAddress, scheme, trust);
        } else {
            replaceClaims(headers, clientAddress, scheme);
        }
    }

    /**
     * An untrusted client's claims about who it is are replaced by what the gateway saw. {@code X-Real-IP},
     * {@code X-Forwarded-Host} and {@code Forwarded} are rewritten only when the client sent them, so that backends
     * see the same set of headers as before and requests without them cost no more.
     */
    private static void replaceClaims(HttpHeaders headers, String clientAddress, String scheme) {
        headers.set(X_FORWARDED_FOR, clientAddress);
        headers.set(X_FORWARDED_PROTO, scheme);
        if (headers.contains(X_REAL_IP)) {
            headers.set(X_REAL_IP, clientAddress);
        }
        if (headers.contains(X_FORWARDED_HOST)) {
            String host = headers.get(HttpHeaderNames.HOST);
            if (host == null) {
                headers.remove(X_FORWARDED_HOST);
            } else {
                headers.set(X_FORWARDED_HOST, host);
            }
        }
        if (headers.contains(FORWARDED)) {
            headers.set(FORWARDED, forwardedElement(clientAddress, headers.get(HttpHeaderNames.HOST), scheme));
        }
    }

    /**
     * A trusted proxy's headers are kept, and the gateway adds itself as the next hop: {@code X-Forwarded-For} gets
     * the proxy's address, cut to the entries trusted proxies wrote (see {@link #trustedEntries}); {@code Forwarded},
     * when present, gets an element for this hop; {@code X-Forwarded-Proto} is set only when the proxy sent none.
     */
    private static void appendToTrustedChain(HttpHeaders headers, String clientAddress, String scheme,
            TrustedProxies trust) {
        List<String> received = headers.getAll(X_FORWARDED_FOR);
        String chain = received.isEmpty() ? null : trustedEntries(received, trust);
        headers.set(X_FORWARDED_FOR, chain == null ? clientAddress : chain + ", " + clientAddress);
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, scheme);
        }
        List<String> forwardedElements = headers.getAll(FORWARDED);
        if (!forwardedElements.isEmpty()) {
            headers.set(FORWARDED, String.join(", ", forwardedElements) + ", "
                    + forwardedElement(clientAddress, headers.get(HttpHeaderNames.HOST), scheme));
        }
    }

    /**
     * The end of a received {@code X-Forwarded-For} that trusted proxies wrote, or null when none. With
     * {@code trustedHops} N, the last N entries (each trusted hop appended one: the last is the direct client's own
     * client). Otherwise, from the right, the entries that are trusted proxies' addresses and the first that is not
     * (the original client as the outermost trusted proxy saw it). Entries further left came from the client and
     * could say anything.
     */
    static String trustedEntries(List<String> headerValues, TrustedProxies trust) {
        String joined = headerValues.size() == 1 ? headerValues.get(0) : String.join(",", headerValues);
        String[] entries = joined.split(",");
        int keep;
        if (trust.trustedHops() > 0) {
            keep = Math.min(trust.trustedHops(), entries.length);
        } else {
            keep = 0;
            while (keep < entries.length) {
                keep++;
                if (!trust.trustsAddress(entries[entries.length - keep])) {
                    break;
                }
            }
        }
        StringBuilder chain = new StringBuilder(joined.length());
        for (int i = entries.length - keep; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (!entry.isEmpty()) {
                if (chain.length() > 0) {
                    chain.append(", ");
                }
                chain.append(entry);
            }
        }
        return chain.length() == 0 ? null : chain.toString();
    }

    /** One {@code Forwarded} element (RFC 7239) for this hop; IPv6 nodes and hosts are quoted as the RFC requires. */
    static String forwardedElement(String clientAddress, String host, String scheme) {
        StringBuilder element = new StringBuilder(64).append("for=");
        if (clientAddress.indexOf(':') >= 0) {
            element.append("\"[").append(clientAddress).append("]\"");
        } else {
            element.append(clientAddress);
        }
        if (host != null) {
            // Host passed HostSyntax (no quotes, spaces or controls): quoting needs no escaping
            element.append(";host=\"").append(host).append('"');
        }
        return element.append(";proto=").append(scheme).toString();
    }

    /** The client's IP address as {@code X-Forwarded-For} names it (the address's string form when not IP). */
    static String clientAddress(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(remote);
    }
}
