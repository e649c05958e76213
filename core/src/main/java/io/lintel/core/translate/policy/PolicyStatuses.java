package io.lintel.core.translate.policy;

import io.lintel.core.status.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code status} of a policy as the Gateway API's {@code PolicyStatus} (GEP-713): one {@code ancestors} entry per
 * Gateway of ours that a target attaches to (a route's parents, the Gateways whose routes send to a Service), each with
 * {@code controllerName} and an {@code Accepted} condition. A target that reaches no Gateway of ours (not found, not
 * attached, a Service no route uses) is its own ancestor, so that every verdict is seen. Where two targets share an
 * ancestor, the worse verdict is reported.
 */
public final class PolicyStatuses {

    /** The Gateways ({@code namespace/name}) of ours a target reaches; empty when none. */
    public interface Ancestors {
        Set<String> gateways(TargetRef target, String namespace);
    }

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    private final String controllerName;

    public PolicyStatuses(String controllerName) {
        this.controllerName = controllerName;
    }

    /** The status of one policy at {@code time}. */
    public Map<String, Object> status(PolicyAttachments.Result result, Ancestors ancestors, String time) {
        PolicyObject policy = result.policy();
        TreeMap<String, Map<String, Object>> refs = new TreeMap<>();
        Map<String, PolicyVerdict> verdicts = new LinkedHashMap<>();
        result.verdicts().forEach((target, verdict) -> {
            Set<String> gateways = ancestors.gateways(target, policy.namespace());
            if (gateways.isEmpty()) {
                Map<String, Object> ref = ref(target.targetKind().group(), target.targetKind().kind(),
                        policy.namespace(), target.name());
                if (!target.sectionName().isEmpty()) {
                    ref.put("sectionName", target.sectionName());
                }
                merge("1/" + target.describe(policy.namespace()), ref, verdict, refs, verdicts);
            }
            for (String gateway : gateways) {
                int slash = gateway.indexOf('/');
                merge("0/" + gateway, ref(GATEWAY_GROUP, "Gateway", gateway.substring(0, slash),
                        gateway.substring(slash + 1)), verdict, refs, verdicts);
            }
        });
        List<Map<String, Object>> list = new ArrayList<>();
        refs.forEach((id, ref) -> {
            PolicyVerdict verdict = verdicts.get(id);
            Map<String, Object> ancestor = new LinkedHashMap<>();
            ancestor.put("ancestorRef", ref);
            ancestor.put("controllerName", controllerName);
            ancestor.put("conditions", List.of(new Condition("Accepted", verdict.accepted() ? "True" : "False",
                    verdict.reason(), verdict.message(), policy.generation(), time)));
            list.add(ancestor);
        });
        return Map.of("ancestors", list);
    }

    private static void merge(String id, Map<String, Object> ref, PolicyVerdict verdict,
            Map<String, Map<String, Object>> refs, Map<String, PolicyVerdict> verdicts) {
        refs.putIfAbsent(id, ref);
        verdicts.merge(id, verdict, PolicyVerdict::worse);
    }

    private static Map<String, Object> ref(String group, String kind, String namespace, String name) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("group", group);
        ref.put("kind", kind);
        ref.put("namespace", namespace);
        ref.put("name", name);
        return ref;
    }
}
