package io.lintel.core.proxy;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which clients may tell the gateway who the original client was, through {@code X-Forwarded-*}, {@code X-Real-IP}
 * and {@code Forwarded}: the proxies in front of it. A client is trusted when {@link #trustedHops} is above zero (all
 * direct clients are such proxies, as with Envoy's {@code xff_num_trusted_hops}) or when its address is in one of
 * {@link #trustedCidrs}. By default nobody is: what a client says about itself is replaced by what the gateway saw.
 *
 * <p>Settings: system properties {@value #TRUSTED_HOPS_PROPERTY} (default 0) and {@value #TRUSTED_CIDRS_PROPERTY}
 * (comma-separated {@code address/prefix}, default none), read once at start. Immutable.
 */
public final class TrustedProxies {

    public static final String TRUSTED_HOPS_PROPERTY = "lintel.forwarded.trustedHops";
    public static final String TRUSTED_CIDRS_PROPERTY = "lintel.forwarded.trustedCidrs";

    /** Nobody trusted: the default. */
    public static final TrustedProxies NONE = new TrustedProxies(0, List.of());

    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxies.class);
    private static final TrustedProxies CONFIGURED = fromSystemProperties();

    private final int trustedHops;
    private final List<Cidr> trustedCidrs;

    TrustedProxies(int trustedHops, List<String> trustedCidrs) {
        if (trustedHops < 0) {
            throw new IllegalArgumentException(TRUSTED_HOPS_PROPERTY + " " + trustedHops + " (expected: >= 0)");
        }
        this.trustedHops = trustedHops;
        this.trustedCidrs = trustedCidrs.stream().map(Cidr::parse).toList();
    }

    /**
     * Checks one entry of {@value #TRUSTED_CIDRS_PROPERTY} (an address or {@code address/prefix}), as the settings file
     * is checked at start.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static void checkAddressBlock(String text) {
        Cidr.parse(text);
    }

    /** What the system properties say, read once. */
    static TrustedProxies configured() {
        return CONFIGURED;
    }

    /** A setting that does not parse is reported and nobody is trusted: a mistake must not widen trust. */
    static TrustedProxies fromSystemProperties() {
        List<String> cidrs = new ArrayList<>();
        for (String cidr : System.getProperty(TRUSTED_CIDRS_PROPERTY, "").split(",")) {
            if (!cidr.isBlank()) {
                cidrs.add(cidr.trim());
            }
        }
        try {
            TrustedProxies trust = new TrustedProxies(
                    Integer.parseInt(System.getProperty(TRUSTED_HOPS_PROPERTY, "0").trim()), cidrs);
            if (trust.trustedHops > 0 || !trust.trustedCidrs.isEmpty()) {
                LOG.info("Forwarding headers believed from: {}", trust);
            }
            return trust;
        } catch (IllegalArgumentException e) {
            LOG.error("Ignoring the trusted-proxy settings ({}, {}): {}; no client is trusted",
                    TRUSTED_HOPS_PROPERTY, TRUSTED_CIDRS_PROPERTY, e.getMessage());
            return NONE;
        }
    }

    int trustedHops() {
        return trustedHops;
    }

    /** Whether the direct client is a proxy whose forwarding headers are believed. */
    boolean trusts(SocketAddress client) {
        return trustedHops > 0 || (!trustedCidrs.isEmpty() && inTrustedCidr(client));
    }

    /** Whether an address in {@code X-Forwarded-For} (text, maybe not an address at all) is a trusted proxy's. */
    boolean trustsAddress(String address) {
        if (trustedCidrs.isEmpty()) {
            return false;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address.trim());
        return bytes != null && inTrustedCidr(bytes);
    }

    private boolean inTrustedCidr(SocketAddress client) {
        if (client instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inTrustedCidr(inet.getAddress().getAddress());
        }
        return false;
    }

    private boolean inTrustedCidr(byte[] address) {
        for (Cidr cidr : trustedCidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address block; an address of the other family (IPv4 against an IPv6 block) is never in it. */
    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            // literal only: a host name here would be resolved, and a trust rule must not depend on DNS
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
            if (bytes == null) {
                throw new IllegalArgumentException(TRUSTED_CIDRS_PROPERTY + ": '" + text
                        + "' is not an IP address or address/prefix");
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException(TRUSTED_CIDRS_PROPERTY + ": '" + text
                        + "' has no valid prefix length");
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    @Override
    public String toString() {
        return trustedHops + " trusted hops, " + trustedCidrs.size() + " trusted address blocks";
    }
}
