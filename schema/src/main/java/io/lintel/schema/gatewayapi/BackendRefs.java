package io.lintel.schema.gatewayapi;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ObjectSchema.object;

import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Violations;
import java.util.Map;
import java.util.Objects;

/**
 * {@code BackendObjectReference} and the weighted {@code BackendRef} of routes, open, with the CRD's CEL rule
 * {@code Must have port for Service reference} for the kinds to add where the CRD has it.
 */
public final class BackendRefs {

    /** A {@code BackendObjectReference}. */
    public static final ObjectSchema OBJECT_REF = object()
            .optional("group", Fields.GROUP)
            .optional("kind", Fields.KIND)
            .required("name", Fields.OBJECT_NAME)
            .optional("namespace", Fields.NAMESPACE)
            .optional("port", Fields.PORT);

    /** A BackendObjectReference with a weight: the fields every route kind's backendRef starts with. */
    public static final ObjectSchema WEIGHTED = OBJECT_REF.optional("weight", range(0, 1_000_000));

    /** CEL: {@code Must have port for Service reference}, reported at the reference. */
    public static void servicePortRequired(Map<?, ?> ref, String at, Violations out) {
        String group = (String) Objects.requireNonNullElse(ref.get("group"), "");
        String kind = (String) Objects.requireNonNullElse(ref.get("kind"), "Service");
        if (group.isEmpty() && kind.equals("Service") && ref.get("port") == null) {
            out.add(at, "Must have port for Service reference");
        }
    }

    private BackendRefs() {}
}
