package io.lintel.core.translate.validate;

import static io.lintel.schema.MapSchema.mapOf;
import static io.lintel.schema.StringSchema.string;

import com.google.re2j.Pattern;
import io.lintel.schema.Schema;

/**
 * Label and annotation maps of the Gateway API ({@code spec.infrastructure.labels} and {@code annotations}): the
 * value schemas of {@code LabelValue} and {@code AnnotationValue} and the CEL rules on their keys, with the CRD's
 * messages. The key pattern runs on RE2/J (linear in the key's length, however long a key is written).
 */
final class MetadataMaps {

    static final String KEY_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

    static final Schema LABEL_VALUE = string().length(0, 63).pattern("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    static final Schema ANNOTATION_VALUE = string().length(0, 4096);

    static final Schema LABELS = mapOf(LABEL_VALUE).maxProperties(8)
            .keys(MetadataMaps::keyValid, "Label keys must be in the form of an optional DNS subdomain prefix followed"
                    + " by a required name segment of up to 63 characters.")
            .keys(MetadataMaps::prefixShort, "If specified, the label key's prefix must be a DNS subdomain not longer"
                    + " than 253 characters in total.");

    static final Schema ANNOTATIONS = mapOf(ANNOTATION_VALUE).maxProperties(16)
            .keys(MetadataMaps::keyValid, "Annotation keys must be in the form of an optional DNS subdomain prefix"
                    + " followed by a required name segment of up to 63 characters.")
            .keys(MetadataMaps::prefixShort, "If specified, the annotation key's prefix must be a DNS subdomain not"
                    + " longer than 253 characters in total.");

    /** CEL {@code key.matches(KEY_PATTERN)}. */
    static boolean keyValid(String key) {
        return KEY.matches(key);
    }

    /** CEL {@code key.split("/")[0].size() < 253}. */
    static boolean prefixShort(String key) {
        int slash = key.indexOf('/');
        return (slash < 0 ? key.length() : slash) < 253;
    }

    private MetadataMaps() {}
}
