package io.lintel.core.translate.policy;

import java.util.List;
import java.util.Optional;

/** What the snapshot holds of the objects policies may target. */
public interface PolicyTargets {

    /**
     * The sections of a target in {@code namespace}: a route's rule names ({@code ""} for an unnamed rule), a Service's
     * port names (the port number for an unnamed port); empty when the target does not exist.
     */
    Optional<List<String>> sections(TargetRef target, String namespace);
}
