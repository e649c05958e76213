package io.lintel.core.proxy;

/**
 * Why a request head that the HTTP codec accepted is refused anyway ({@link RequestTargetValidator}): set as the
 * head's decoder failure, so that the request is answered in its turn (after pipelined requests before it) like any
 * other head the codec could not decode, with {@link #status()}, and the connection closed. No stack trace: it is an
 * answer, not a bug.
 */
public final class RejectedRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RejectedRequest(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
