package io.lintel.core.translate.policy;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks the documents of plugin-declared policy kinds out of a snapshot and checks what a CRD would: the
 * {@code apiVersion}, a {@code spec}, and {@code spec.targetRefs} as GEP-713 has it (1-16 entries, each with
 * {@code group}, {@code kind} and {@code name}, an optional non-empty {@code sectionName}, no entry twice), with
 * target kinds the policy kind declares. A document that fails is refused as a whole, as the API server would refuse
 * it: a {@link ConfigProblem} naming the field, and no status. What the policy's own {@code spec} holds is for its
 * plugin to check ({@link PolicyAttachments}).
 */
public final class PolicyObjects {

    static final int MAX_TARGET_REFS = 16;

    /** The accepted objects, oldest first, and the problems of the refused ones. */
    public record Read(List<PolicyObject> policies, List<ConfigProblem> problems) {}

    private PolicyObjects() {}

    /**
     * @param kinds the declared policy kinds by {@code group/kind}
     * @param creationTime reads a {@code metadata.creationTimestamp} (null when absent)
     */
    public static Read read(Iterable<KubernetesDocument> documents, Map<String, PolicyKind> kinds,
            Function<String, Instant> creationTime) {
        List<PolicyObject> policies = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        if (kinds.isEmpty()) {
            return new Read(policies, problems);
        }
        // by group first: most documents are of a group no policy kind has, found without building a key per document
        Map<String, Map<String, PolicyKind>> byGroup = new HashMap<>();
        kinds.values().forEach(k -> byGroup.computeIfAbsent(k.group(), g -> new HashMap<>()).put(k.kind(), k));
        for (KubernetesDocument document : documents) {
            Map<String, PolicyKind> ofGroup = byGroup.get(document.key().group());
            PolicyKind kind = ofGroup == null ? null : ofGroup.get(document.key().kind());
            if (kind != null) {
                read(document, kind, creationTime, problems).ifPresent(policies::add);
            }
        }
        policies.sort(PolicyAttachments.OLDEST_FIRST);
        return new Read(policies, problems);
    }

    private static Optional<PolicyObject> read(KubernetesDocument document, PolicyKind kind,
            Function<String, Instant> creationTime, List<ConfigProblem> problems) {
        List<ConfigProblem> found = new ArrayList<>();
        String version = document.apiVersion().substring(document.apiVersion().indexOf('/') + 1);
        if (!kind.versions().contains(version)) {
            found.add(problem(document, "apiVersion", "unsupported apiVersion \"" + document.apiVersion() + "\" for "
                    + kind.kind() + " (expected " + kind.group() + "/" + String.join(" or " + kind.group() + "/",
                    kind.versions()) + ")"));
        }
        List<TargetRef> targets = new ArrayList<>();
        if (!(document.content().get("spec") instanceof Map<?, ?> spec)) {
            found.add(problem(document, "spec", "is required"));
        } else if (!(spec.get("targetRefs") instanceof List<?> refs) || refs.isEmpty()) {
            found.add(problem(document, "spec.targetRefs", "is required (expected 1-" + MAX_TARGET_REFS + " items)"));
        } else if (refs.size() > MAX_TARGET_REFS) {
            found.add(problem(document, "spec.targetRefs", "has " + refs.size() + " items (expected at most "
                    + MAX_TARGET_REFS + ")"));
        } else {
            Set<TargetRef> seen = new HashSet<>();
            for (int i = 0; i < refs.size(); i++) {
                TargetRef target = target(document, kind, i, refs.get(i), found);
                if (target != null && !seen.add(new TargetRef(0, target.targetKind(), target.name(),
                        target.sectionName()))) {
                    found.add(problem(document, target.fieldPath(), "duplicate target " + target.describe(
                            namespaceOf(document)) + " (expected each target once)"));
                }
                if (target != null) {
                    targets.add(target);
                }
            }
        }
        problems.addAll(found);
        if (!found.isEmpty()) {
            return Optional.empty();
        }
        Object created = document.content().get("metadata") instanceof Map<?, ?> metadata
                ? metadata.get("creationTimestamp") : null;
        Instant createdAt = created == null ? Instant.MAX : creationTime.apply(String.valueOf(created));
        return Optional.of(new PolicyObject(document, kind, targets, generation(document), createdAt));
    }

    private static TargetRef target(KubernetesDocument document, PolicyKind kind, int index, Object entry,
            List<ConfigProblem> found) {
        String path = "spec.targetRefs[" + index + "]";
        if (!(entry instanceof Map<?, ?> ref)) {
            found.add(problem(document, path, "wrong value type (expected an object with group, kind and name)"));
            return null;
        }
        String group = text(document, ref, "group", path, false, found);
        String targetKind = text(document, ref, "kind", path, true, found);
        String name = text(document, ref, "name", path, true, found);
        String sectionName = ref.containsKey("sectionName") ? text(document, ref, "sectionName", path, true, found) : "";
        for (Object field : ref.keySet()) {
            if (!Set.of("group", "kind", "name", "sectionName").contains(String.valueOf(field))) {
                found.add(problem(document, path + "." + field, "unknown field \"" + field
                        + "\" (not part of a policy target reference)"));
            }
        }
        if (group == null || targetKind == null || name == null || sectionName == null) {
            return null;
        }
        PolicyTargetKind target = new PolicyTargetKind(group, targetKind);
        if (!kind.targetKinds().contains(target)) {
            found.add(problem(document, path, "unsupported target kind " + target + " (expected one of "
                    + kind.targetKinds() + ")"));
            return null;
        }
        return new TargetRef(index, target, name, sectionName);
    }

    /** A required string field ({@code group} may be empty: the core group). */
    private static String text(KubernetesDocument document, Map<?, ?> ref, String field, String path,
            boolean nonEmpty, List<ConfigProblem> found) {
        Object value = ref.get(field);
        if (value == null) {
            found.add(problem(document, path + "." + field, "is required"));
            return null;
        }
        if (!(value instanceof String text)) {
            found.add(problem(document, path + "." + field, "wrong value type (expected a string)"));
            return null;
        }
        if (nonEmpty && text.isEmpty()) {
            found.add(problem(document, path + "." + field, "must not be empty"));
            return null;
        }
        return text;
    }

    private static long generation(KubernetesDocument document) {
        return document.content().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("generation") instanceof Number generation ? generation.longValue() : 0;
    }

    private static String namespaceOf(KubernetesDocument document) {
        return document.key().namespace().isEmpty() ? "default" : document.key().namespace();
    }

    private static ConfigProblem problem(KubernetesDocument document, String fieldPath, String message) {
        ResourceKey key = document.key();
        return new ConfigProblem(document.location(), Optional.of(key), fieldPath, message);
    }
}
