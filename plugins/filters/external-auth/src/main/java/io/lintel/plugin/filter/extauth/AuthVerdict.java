package io.lintel.plugin.filter.extauth;

import java.util.List;
import java.util.Map;

/** What an authorization service decided about one request, whatever the protocol it was asked in. */
sealed interface AuthVerdict {

    /** How a header of an allowing answer changes the forwarded request (or the response to the client). */
    enum Mode {
        /** Another value beside those present. */
        APPEND,
        /** Only when the header is absent. */
        ADD_IF_ABSENT,
        /** Replaces every value present, or adds. */
        OVERWRITE,
        /** Replaces every value present; nothing when absent. */
        OVERWRITE_IF_EXISTS
    }

    /** One header change. */
    record HeaderChange(String name, String value, Mode mode) {}

    /**
     * The request goes on, changed.
     *
     * @param requestChanges applied to the forwarded request, in order
     * @param requestRemovals headers removed from the forwarded request (lower case)
     * @param responseChanges applied to the response the client gets
     */
    record Allow(List<HeaderChange> requestChanges, List<String> requestRemovals, List<HeaderChange> responseChanges)
            implements AuthVerdict {}

    /** The client gets this answer instead (core frames the body). */
    record Deny(int status, String contentType, List<Map.Entry<String, String>> headers, byte[] body)
            implements AuthVerdict {}
}
