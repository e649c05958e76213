package io.lintel.core.translate.policy;

import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attaches policies to their targets as GEP-713 has it: each policy's {@code spec} is checked once by its plugin (an
 * unusable one is {@code Invalid} and applies to nothing); each target must exist in the policy's namespace, with the
 * rule or port its {@code sectionName} names ({@code TargetNotFound} otherwise); of two policies of one kind on the
 * same target (same {@code sectionName}), the older wins (creation time, then namespace/name) and the other is
 * {@code Conflicted} there. A policy for one section takes precedence over one for the whole target in that section;
 * that is not a conflict.
 */
public final class PolicyAttachments {

    /** Oldest first: creation time, then namespace and name. */
    public static final Comparator<PolicyObject> OLDEST_FIRST = Comparator.comparing(PolicyObject::created)
            .thenComparing(PolicyObject::namespace).thenComparing(PolicyObject::name);

    /** Checks a policy's {@code spec} with its plugin, for route or Service targets. */
    public interface SpecTranslator {
        /** The spec, or empty after {@code invalid} was told why (field path and message). */
        Optional<Object> translate(PolicyObject policy, boolean routeTargets, Invalid invalid);
    }

    /** Receives why a spec is unusable. */
    public interface Invalid {
        void report(String fieldPath, String message);
    }

    /** A policy and its spec, as it applies to a rule or a Service port. */
    public record Applied(PolicyObject policy, Object spec) {}

    /** One policy's verdict on each of its targets ({@link TargetRef#index()} order). */
    public record Result(PolicyObject policy, Map<TargetRef, PolicyVerdict> verdicts) {}

    private record Claim(PolicyKind kind, PolicyTargetKind targetKind, String namespace, String name, String section) {}

    private final List<Result> results = new ArrayList<>();
    /** The winner of each claimed target, with its spec. */
    private final Map<Claim, Applied> winners = new HashMap<>();
    /** The sections of each target some policy won, by target (kind, namespace, name; no section). */
    private final Map<Claim, List<String>> sections = new HashMap<>();

    private PolicyAttachments() {}

    /** @param policies oldest first ({@link #OLDEST_FIRST}) */
    public static PolicyAttachments attach(List<PolicyObject> policies, PolicyTargets targets, SpecTranslator specs) {
        PolicyAttachments attachments = new PolicyAttachments();
        policies.forEach(p -> attachments.attach(p, targets, specs));
        return attachments;
    }

    private void attach(PolicyObject policy, PolicyTargets targets, SpecTranslator specs) {
        Map<TargetRef, PolicyVerdict> verdicts = new LinkedHashMap<>();
        Object routeSpec = null;
        Object serviceSpec = null;
        List<String> invalid = new ArrayList<>();
        Invalid report = (path, message) -> invalid.add(path + ": " + message);
        if (policy.targetRefs().stream().anyMatch(t -> t.targetKind().isRoute())) {
            routeSpec = specs.translate(policy, true, report).orElse(null);
        }
        if (invalid.isEmpty() && policy.targetRefs().stream().anyMatch(t -> !t.targetKind().isRoute())) {
            serviceSpec = specs.translate(policy, false, report).orElse(null);
        }
        if (!invalid.isEmpty()) {
            PolicyVerdict verdict = new PolicyVerdict(PolicyVerdict.INVALID, String.join("; ", invalid));
            policy.targetRefs().forEach(t -> verdicts.put(t, verdict));
            results.add(new Result(policy, verdicts));
            return;
        }
        String ns = policy.namespace();
        for (TargetRef target : policy.targetRefs()) {
            Optional<List<String>> found = targets.sections(target, ns);
            if (found.isEmpty()) {
                verdicts.put(target, new PolicyVerdict(PolicyVerdict.TARGET_NOT_FOUND,
                        target.targetKind().kind() + " " + ns + "/" + target.name() + " not found"));
                continue;
            }
            if (!target.sectionName().isEmpty() && !found.get().contains(target.sectionName())) {
                verdicts.put(target, new PolicyVerdict(PolicyVerdict.TARGET_NOT_FOUND,
                        target.targetKind().kind() + " " + ns + "/" + target.name() + " has no "
                                + (target.targetKind().isRoute() ? "rule" : "port") + " named " + target.sectionName()));
                continue;
            }
            Claim claim = new Claim(policy.kind(), target.targetKind(), ns, target.name(), target.sectionName());
            Applied applied = new Applied(policy, target.targetKind().isRoute() ? routeSpec : serviceSpec);
            Applied winner = winners.putIfAbsent(claim, applied);
            if (winner != null) {
                verdicts.put(target, new PolicyVerdict(PolicyVerdict.CONFLICTED, winner.policy().describe()
                        + " is older and targets " + target.describe(ns) + " too"));
                continue;
            }
            sections.computeIfAbsent(new Claim(null, target.targetKind(), ns, target.name(), ""),
                    c -> List.copyOf(found.get()));
            verdicts.put(target, new PolicyVerdict(PolicyVerdict.ACCEPTED, policy.kind().kind() + " is accepted"));
        }
        results.add(new Result(policy, verdicts));
    }

    /** Every policy's verdicts, oldest policy first. */
    public List<Result> results() {
        return List.copyOf(results);
    }

    /**
     * The policies that apply to a section (a rule by name, a port by name) of a target: per policy kind, the winner
     * naming the section, else the winner for the whole target; ordered by policy kind ({@code group/kind}) so the
     * result does not depend on the order of the documents.
     */
    public List<Applied> forSection(PolicyTargetKind targetKind, String namespace, String name, String section) {
        TreeMap<String, Applied> byKind = new TreeMap<>();
        winners.forEach((claim, applied) -> {
            if (claim.targetKind().equals(targetKind) && claim.namespace().equals(namespace)
                    && claim.name().equals(name) && (claim.section().isEmpty() || claim.section().equals(section))) {
                String kind = claim.kind().toString();
                if (!claim.section().isEmpty() || !byKind.containsKey(kind)) {
                    byKind.put(kind, applied);
                }
            }
        });
        return List.copyOf(byKind.values());
    }

    /** Whether some policy applies to some section of the target. */
    public boolean targeted(PolicyTargetKind targetKind, String namespace, String name) {
        return sections.containsKey(new Claim(null, targetKind, namespace, name, ""));
    }

    /** The targets some policy won, as {@code (kind, namespace, name)} with their sections. */
    public void forEachTarget(TargetVisitor visitor) {
        new TreeMap<String, Claim>(sectionsByName()).forEach((id, claim) ->
                visitor.visit(claim.targetKind(), claim.namespace(), claim.name(), sections.get(claim)));
    }

    /** Visits a target some policy won. */
    public interface TargetVisitor {
        void visit(PolicyTargetKind targetKind, String namespace, String name, List<String> sections);
    }

    private Map<String, Claim> sectionsByName() {
        Map<String, Claim> out = new HashMap<>();
        sections.keySet().forEach(c -> out.put(c.targetKind() + "/" + c.namespace() + "/" + c.name(), c));
        return out;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }
}
