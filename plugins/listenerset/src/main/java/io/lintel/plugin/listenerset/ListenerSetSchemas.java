package io.lintel.plugin.listenerset;

import static io.lintel.schema.ObjectSchema.object;

import io.lintel.schema.ObjectSchema;
import io.lintel.schema.gatewayapi.Listeners;
import java.util.function.UnaryOperator;

/**
 * The schema of ListenerSet (v1, Gateway API v1.6 experimental CRD): a parent Gateway and listeners of the Gateway's
 * shape, with the Gateway's listener rules ({@link Listeners}).
 *
 * <p>Two versions of it, because core read the kind into a typed model before: {@link #SPEC} with open objects, whose
 * violations are reported first, and {@link #CLOSED_SPEC}, whose unknown fields are reported only for a document
 * {@link #SPEC} finds valid, as core reported them when it decoded a valid document.
 */
final class ListenerSetSchemas {

    /** The spec, objects open: the CRD's constraints and rules. */
    static final ObjectSchema SPEC = spec(UnaryOperator.identity());

    /** The spec, every object closed: a field the CRD does not define is reported. */
    static final ObjectSchema CLOSED_SPEC = spec(ObjectSchema::closed);

    private static ObjectSchema spec(UnaryOperator<ObjectSchema> finish) {
        return finish.apply(object()
                .required("parentRef", Listeners.secretRef(finish))
                .required("listeners", Listeners.listeners(finish)));
    }

    private ListenerSetSchemas() {}
}
