package io.lintel.core.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (loopback) into an unresolved-free socket address. */
final class HostPortConverter implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new TypeConversionException("'" + value + "' (expected: HOST:PORT, e.g. 127.0.0.1:9901)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "': port is not a number (expected: HOST:PORT)");
        }
        if (port < 0 || port > 65535) {
            throw new TypeConversionException("'" + value + "': port " + port + " (expected: 0-65535)");
        }
        return new InetSocketAddress(host, port);
    }
}
