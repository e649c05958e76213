package io.lintel.core.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The TLS server name (SNI) a client connection's handshake chose its certificate by, kept on the connection's
 * channel so that requests on it (HTTP/1.1 on the channel, HTTP/2 on its stream channels) can be checked against it:
 * a request whose host belongs to another listener than the server name's is misdirected (GEP-3567, HTTP 421).
 */
public final class TlsServerName {

    /** The server name, normalised by {@code HostNames.normalize}; {@code ""} when the client sent none. */
    public static final AttributeKey<String> KEY = AttributeKey.valueOf(TlsServerName.class, "serverName");

    private TlsServerName() {}

    /**
     * The server name of the connection {@code channel} belongs to (itself, or the parent of an HTTP/2 stream
     * channel); {@code ""} when there is none (clear text, or a client that sent no SNI).
     */
    public static String of(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            String name = c.attr(KEY).get();
            if (name != null) {
                return name;
            }
        }
        return "";
    }
}
