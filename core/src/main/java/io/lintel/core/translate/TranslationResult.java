package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.Ir;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ConfigProblem;
import java.util.List;

/**
 * What the translator computed from one snapshot.
 *
 * @param statuses the status of every GatewayClass of ours, Gateway of those classes and route attached to them,
 *     sorted by key
 * @param ir what the data plane serves
 * @param problems the snapshot's source problems plus the documents rejected while decoding and validating
 */
public record TranslationResult(List<ResourceStatus> statuses, Ir ir, List<ConfigProblem> problems) {

    public TranslationResult {
        statuses = List.copyOf(requireNonNull(statuses, "statuses"));
        requireNonNull(ir, "ir");
        problems = List.copyOf(requireNonNull(problems, "problems"));
    }
}
