package io.lintel.core.proxy;

/**
 * Why an exchange could not get a response from a backend, as the status to answer. Thrown into filter stages
 * (filters may inspect {@link #status()}); carries no stack trace because it is an expected outcome.
 */
public final class ProxyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ProxyException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
