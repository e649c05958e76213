package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.strings;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;

/** Reads a core/v1 Namespace; {@code status} is declined. */
final class NamespaceReader {

    static Namespace read(Object content, String apiVersion) {
        Namespace namespace = new Namespace();
        return TopLevel.withSpec(namespace, namespace::setKind, namespace::setAdditionalProperties, content, apiVersion,
                NamespaceReader::spec, namespace::setSpec);
    }

    private static NamespaceSpec spec(Object node) {
        NamespaceSpec spec = new NamespaceSpec();
        return object(node, spec, NamespaceSpec::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "finalizers" -> spec.setFinalizers(strings(value));
                default -> throw decline();
            }
        });
    }

    private NamespaceReader() {}
}
