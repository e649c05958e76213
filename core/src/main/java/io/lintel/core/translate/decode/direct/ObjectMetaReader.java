package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.bool;
import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.list;
import static io.lintel.core.translate.decode.direct.MapReader.longInteger;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;
import static io.lintel.core.translate.decode.direct.MapReader.stringMap;
import static io.lintel.core.translate.decode.direct.MapReader.strings;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * Reads {@code metadata}, shared by every kind's reader. {@code managedFields} (free-form {@code fieldsV1}, only in
 * objects read back from a cluster) is declined: Jackson's path decodes those.
 */
final class ObjectMetaReader {

    static ObjectMeta read(Object node) {
        ObjectMeta meta = new ObjectMeta();
        return object(node, meta, ObjectMeta::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> meta.setName(string(value));
                case "namespace" -> meta.setNamespace(string(value));
                case "labels" -> meta.setLabels(stringMap(value));
                case "annotations" -> meta.setAnnotations(stringMap(value));
                case "creationTimestamp" -> meta.setCreationTimestamp(string(value));
                case "generation" -> meta.setGeneration(longInteger(value));
                case "resourceVersion" -> meta.setResourceVersion(string(value));
                case "uid" -> meta.setUid(string(value));
                case "generateName" -> meta.setGenerateName(string(value));
                case "selfLink" -> meta.setSelfLink(string(value));
                case "deletionTimestamp" -> meta.setDeletionTimestamp(string(value));
                case "deletionGracePeriodSeconds" -> meta.setDeletionGracePeriodSeconds(longInteger(value));
                case "finalizers" -> meta.setFinalizers(strings(value));
                case "ownerReferences" -> meta.setOwnerReferences(list(value, ObjectMetaReader::ownerReference));
                default -> throw decline();
            }
        });
    }

    private static OwnerReference ownerReference(Object node) {
        OwnerReference owner = new OwnerReference();
        return object(node, owner, OwnerReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "apiVersion" -> owner.setApiVersion(string(value));
                case "kind" -> owner.setKind(string(value));
                case "name" -> owner.setName(string(value));
                case "uid" -> owner.setUid(string(value));
                case "controller" -> owner.setController(bool(value));
                case "blockOwnerDeletion" -> owner.setBlockOwnerDeletion(bool(value));
                default -> throw decline();
            }
        });
    }

    private ObjectMetaReader() {}
}
