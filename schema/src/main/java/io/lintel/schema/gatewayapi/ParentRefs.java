package io.lintel.schema.gatewayapi;

import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;

import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Violations;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A route's {@code parentRefs} ({@code ParentReference}) and the CRD's CEL rule on parents named twice. */
public final class ParentRefs {

    /** A {@code ParentReference}, open: a plugin that reports unknown fields passes {@code REF.closed()}. */
    public static final ObjectSchema REF = object()
            .optional("group", Fields.GROUP)
            .optional("kind", Fields.KIND)
            .optional("namespace", Fields.NAMESPACE)
            .required("name", Fields.OBJECT_NAME)
            .optional("sectionName", Fields.SECTION_NAME)
            .optional("port", Fields.PORT);

    /** A route's {@code parentRefs} of {@code ref}: at most 32, distinct sectionName/port when a parent is repeated. */
    public static ListSchema list(ObjectSchema ref) {
        return listOf(ref).size(0, 32).rule(ParentRefs::distinct);
    }

    /** CEL: parentRefs naming the same parent twice need a distinct sectionName or port each. */
    public static void distinct(List<?> refs, String at, Violations out) {
        Map<List<Object>, Integer> count = new HashMap<>();
        for (Object r : refs) {
            count.merge(parentKey((Map<?, ?>) r), 1, Integer::sum);
        }
        Set<List<Object>> sections = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            Map<?, ?> ref = (Map<?, ?>) refs.get(i);
            List<Object> parent = parentKey(ref);
            if (count.get(parent) < 2) {
                continue;
            }
            if (ref.get("sectionName") == null && ref.get("port") == null) {
                out.add(Violations.index(at, i),
                        "sectionName or port must be specified when parentRefs includes 2 or more references to the same parent");
            } else if (!sections.add(Arrays.asList(parent, ref.get("sectionName"), ref.get("port")))) {
                out.add(Violations.index(at, i),
                        "sectionName or port must be unique when parentRefs includes 2 or more references to the same parent");
            }
        }
    }

    /** The parent a reference names, with the CRD's defaults (group gateway.networking.k8s.io, kind Gateway). */
    private static List<Object> parentKey(Map<?, ?> ref) {
        return Arrays.asList(
                Objects.requireNonNullElse(ref.get("group"), "gateway.networking.k8s.io"),
                Objects.requireNonNullElse(ref.get("kind"), "Gateway"),
                ref.get("namespace"), ref.get("name"));
    }

    private ParentRefs() {}
}
