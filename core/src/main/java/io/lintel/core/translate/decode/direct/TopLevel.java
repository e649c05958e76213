package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.NO_EXTRAS;
import static io.lintel.core.translate.decode.direct.MapReader.fields;
import static io.lintel.core.translate.decode.direct.MapReader.string;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The top level every kind shares: {@code apiVersion}, {@code kind} and {@code metadata}; the kind's own fields go to
 * its reader. fabric8's types have no common setter for {@code kind} and the extra fields, hence the two consumers.
 */
final class TopLevel {

    private TopLevel() {}

    /**
     * Reads {@code content} into {@code resource}.
     *
     * @param apiVersion set whatever the document says: DocumentDecoder decodes older Gateway API versions as v1, and
     *     sets the same version for Jackson's path
     * @param own the kind's own fields (declining the keys it does not know)
     */
    static <T extends HasMetadata> T read(T resource, Consumer<String> kind,
            Consumer<Map<String, Object>> additionalProperties, Object content, String apiVersion,
            MapReader.FieldReader own) {
        fields(content, (key, value) -> {
            switch (key) {
                case "apiVersion" -> { }
                case "kind" -> kind.accept(string(value));
                case "metadata" -> resource.setMetadata(ObjectMetaReader.read(value));
                default -> own.read(key, value);
            }
        });
        resource.setApiVersion(apiVersion);
        additionalProperties.accept(NO_EXTRAS);
        return resource;
    }

    /** A kind whose only own field is {@code spec}. */
    static <T extends HasMetadata, S> T withSpec(T resource, Consumer<String> kind,
            Consumer<Map<String, Object>> additionalProperties, Object content, String apiVersion,
            Function<Object, S> spec, Consumer<S> setSpec) {
        return read(resource, kind, additionalProperties, content, apiVersion, (key, value) -> {
            if (!key.equals("spec")) {
                throw MapReader.decline();
            }
            setSpec.accept(spec.apply(value));
        });
    }
}
