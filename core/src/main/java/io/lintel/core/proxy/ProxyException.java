package io.lintel.core.proxy;

import io.lintel.spi.filter.NoResponseException;

/**
 * Why an exchange could not get a response from a backend, as the status to answer. Thrown into filter stages
 * (filters see it as the SPI's {@link NoResponseException} and may inspect {@link #status()}).
 */
public final class ProxyException extends NoResponseException {

    private static final long serialVersionUID = 1L;

    public ProxyException(int status, String message) {
        super(status, message);
    }
}
