package io.lintel.core.proxy;

import io.lintel.spi.filter.ClientTls;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The {@link ClientTls} of a client connection, read from its TLS handler once per connection (by the caller). */
final class ClientTlsFacts {

    private ClientTlsFacts() {}

    /**
     * The TLS facts of the connection {@code channel} belongs to (itself, or the parent of an HTTP/2 stream
     * channel); empty on clear text.
     */
    static Optional<ClientTls> of(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            SslHandler ssl = c.pipeline().get(SslHandler.class);
            if (ssl != null) {
                return Optional.of(of(ssl, TlsServerName.of(channel)));
            }
        }
        return Optional.empty();
    }

    private static ClientTls of(SslHandler ssl, String serverName) {
        SSLSession session = ssl.engine().getSession();
        String alpn = ssl.applicationProtocol();
        return new ClientTls(serverName, session.getProtocol(), alpn == null ? "" : alpn, peerCertificates(session));
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // the client presented none
        }
        List<X509Certificate> x509 = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            if (certificate instanceof X509Certificate cert) {
                x509.add(cert);
            }
        }
        return x509;
    }
}
