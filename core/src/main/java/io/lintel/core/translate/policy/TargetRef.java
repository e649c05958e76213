package io.lintel.core.translate.policy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.policy.PolicyTargetKind;

/**
 * One {@code spec.targetRefs[index]} entry of a policy (GEP-713 {@code LocalPolicyTargetReferenceWithSectionName}):
 * the target is in the policy's namespace.
 *
 * @param sectionName the rule name (routes) or port name (Services), {@code ""} for the whole target
 */
public record TargetRef(int index, PolicyTargetKind targetKind, String name, String sectionName) {

    public TargetRef {
        requireNonNull(targetKind, "targetKind");
        requireNonNull(name, "name");
        requireNonNull(sectionName, "sectionName");
    }

    /** {@code spec.targetRefs[<index>]}. */
    public String fieldPath() {
        return "spec.targetRefs[" + index + "]";
    }

    /** E.g. {@code HTTPRoute shop/api rule checkout}, for messages. */
    public String describe(String namespace) {
        String what = targetKind.kind() + " " + namespace + "/" + name;
        if (sectionName.isEmpty()) {
            return what;
        }
        return what + (targetKind.isRoute() ? " rule " : " port ") + sectionName;
    }
}
