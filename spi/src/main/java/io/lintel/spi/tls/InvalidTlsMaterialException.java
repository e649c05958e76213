package io.lintel.spi.tls;

/** TLS material that cannot be used: unparsable PEM, a key that does not match the certificate, an expired chain. */
public final class InvalidTlsMaterialException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTlsMaterialException(String message) {
        super(message);
    }

    public InvalidTlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
