package io.lintel.core.cli;

import io.lintel.core.inject.HostPort;
import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (loopback) into an unresolved-free socket address. */
final class HostPortConverter implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
