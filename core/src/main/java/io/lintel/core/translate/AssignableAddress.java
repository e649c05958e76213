package io.lintel.core.translate;

import io.lintel.schema.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.Optional;

/**
 * Chooses the address Lintel gives a Gateway that asks for an {@code IPAddress} without a value (GatewayAddressEmpty:
 * "an implementation SHOULD automatically assign an address matching the requested type"). A process on a host has
 * no address pool of its own to draw from, so the answer is the address it would bind by default: the
 * {@code --bind-address} when that is one address, else, for the wildcard, the host's first up, non-loopback,
 * non-link-local address (IPv4 before IPv6, then by interface index), which other hosts can reach. The wildcard itself
 * is never assigned: it is no address a client can be sent to, and it could not be bound beside Gateways that bind
 * specific addresses on the same port.
 */
public final class AssignableAddress {

    private AssignableAddress() {}

    /** {@code bindAddress} unless it is a wildcard; does no I/O. */
    public static Optional<String> unlessWildcard(String bindAddress) {
        return isWildcard(bindAddress) ? Optional.empty() : Optional.of(bindAddress);
    }

    /**
     * {@code bindAddress} unless it is a wildcard, else the host's first reachable address as described above, else
     * empty. Enumerates the network interfaces: call it at start-up, never on an event loop.
     */
    public static Optional<String> forHost(String bindAddress) {
        if (!isWildcard(bindAddress)) {
            return Optional.of(bindAddress);
        }
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(AssignableAddress::up)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()
                            && !a.isMulticastAddress())
                    .sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1))
                    .map(InetAddress::getHostAddress)
                    .map(AssignableAddress::withoutScope)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    static boolean isWildcard(String address) {
        if (!IpAddresses.isIpAddress(address)) {
            return false; // a host name: never looked up here (the translator does no I/O)
        }
        try {
            return InetAddress.getByName(address).isAnyLocalAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    /** {@code fe80::1%eth0} → {@code fe80::1}: the zone is no part of an address a client can use. */
    private static String withoutScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }
}
