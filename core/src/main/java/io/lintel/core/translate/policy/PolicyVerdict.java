package io.lintel.core.translate.policy;

import static java.util.Objects.requireNonNull;

/**
 * What became of a policy on one target: the {@code Accepted} condition's reason (GEP-713) and message.
 *
 * @param reason {@code Accepted}, {@code Invalid}, {@code TargetNotFound} or {@code Conflicted}
 */
public record PolicyVerdict(String reason, String message) {

    public static final String ACCEPTED = "Accepted";
    public static final String INVALID = "Invalid";
    public static final String TARGET_NOT_FOUND = "TargetNotFound";
    public static final String CONFLICTED = "Conflicted";

    public PolicyVerdict {
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
    }

    public boolean accepted() {
        return reason.equals(ACCEPTED);
    }

    /** The verdict to report where both apply: the worse one (Invalid, then Conflicted, then TargetNotFound). */
    PolicyVerdict worse(PolicyVerdict other) {
        return rank(other.reason) > rank(reason) ? other : this;
    }

    private static int rank(String reason) {
        return switch (reason) {
            case INVALID -> 3;
            case CONFLICTED -> 2;
            case TARGET_NOT_FOUND -> 1;
            default -> 0;
        };
    }
}
