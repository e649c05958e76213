package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One backend address and the protocol spoken to it (and the TLS setup, for a TLS backend). Also the key of the
 * per-event-loop connection pools, so equality covers address, port, protocol and TLS setup, and the hash is computed
 * once.
 */
public final class BackendEndpoint {

    private final String address;
    private final int port;
    private final String appProtocol;
    private final BackendTls tls;
    private final InetSocketAddress socketAddress;
    private final int hash;

    /**
     * @param address an IP literal (resolved here without DNS); any other name is left unresolved for the connect,
     *     which would resolve it with blocking DNS on the event loop: translation lets no such name through
     *     ({@code EndpointSliceRules})
     * @param appProtocol the Service port's {@code appProtocol}; empty for plain HTTP/1.1
     */
    public BackendEndpoint(String address, int port, String appProtocol) {
        this(address, port, appProtocol, null);
    }

    /** @param tls the TLS client setup for connections to it; null for clear text */
    public BackendEndpoint(String address, int port, String appProtocol, BackendTls tls) {
        this.address = requireNonNull(address, "address");
        this.port = port;
        this.appProtocol = requireNonNull(appProtocol, "appProtocol");
        this.tls = tls;
        this.socketAddress = toSocketAddress(address, port);
        this.hash = ((address.hashCode() * 31 + port) * 31 + appProtocol.hashCode()) * 31 + Objects.hashCode(tls);
    }

    private static InetSocketAddress toSocketAddress(String address, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(address);
        if (ip == null) {
            return InetSocketAddress.createUnresolved(address, port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address: " + address + " (expected: an IP address)", e);
        }
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String appProtocol() {
        return appProtocol;
    }

    /** The TLS client setup; null for clear text. */
    public BackendTls tls() {
        return tls;
    }

    public InetSocketAddress socketAddress() {
        return socketAddress;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendEndpoint other
                && hash == other.hash
                && port == other.port
                && address.equals(other.address)
                && appProtocol.equals(other.appProtocol)
                && Objects.equals(tls, other.tls);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String hostPort = address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
        String protocol = appProtocol.isEmpty() ? hostPort : hostPort + " (" + appProtocol + ")";
        return tls == null ? protocol : protocol + " over TLS " + tls;
    }
}
