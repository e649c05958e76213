package io.lintel.spi.filter;

/**
 * Why {@link HttpNext#proceed} could get no response from a backend, with the status the data plane answers for it
 * (502 the backend failed or reset before a complete response head, 503 no endpoint or no connection, 504 a backend
 * request timeout). A filter may inspect {@link #status()}, e.g. to retry; it carries no stack trace because it is
 * an expected outcome.
 */
public class NoResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public NoResponseException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The status the data plane answers when the failure reaches it. */
    public int status() {
        return status;
    }
}
