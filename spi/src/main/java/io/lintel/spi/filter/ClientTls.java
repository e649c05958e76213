package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS facts of a client connection the gateway terminated.
 *
 * @param serverName the SNI host name the client sent (lower case), or {@code ""} when it sent none
 * @param protocol the negotiated TLS version, e.g. {@code TLSv1.3}
 * @param applicationProtocol the ALPN protocol, e.g. {@code h2} or {@code http/1.1}; {@code ""} when none was
 *     negotiated
 * @param peerCertificates the client's certificate chain, leaf first; empty when the client presented none
 */
public record ClientTls(String serverName, String protocol, String applicationProtocol,
        List<X509Certificate> peerCertificates) {

    public ClientTls {
        requireNonNull(serverName, "serverName");
        requireNonNull(protocol, "protocol");
        requireNonNull(applicationProtocol, "applicationProtocol");
        peerCertificates = List.copyOf(requireNonNull(peerCertificates, "peerCertificates"));
    }
}
