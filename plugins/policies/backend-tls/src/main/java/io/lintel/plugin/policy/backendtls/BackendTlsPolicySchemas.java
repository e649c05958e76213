package io.lintel.plugin.policy.backendtls;

import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.gatewayapi.Fields;
import java.util.Map;

/**
 * The schema of BackendTLSPolicy (v1, Gateway API v1.6 experimental CRD; v1alpha3 is read the same way), every object
 * closed as the typed model core decoded it into was; its CEL rules are in {@link BackendTlsPolicyRules}.
 */
final class BackendTlsPolicySchemas {

    /** AbsoluteURI: a scheme and a scheme-specific part (RFC 3986), e.g. a SPIFFE ID. */
    static final String ABSOLUTE_URI = "^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\\?([^#]*))?(#(.*))?";

    static final ObjectSchema LOCAL_REF = object()
            .required("group", Fields.GROUP)
            .required("kind", Fields.KIND)
            .required("name", Fields.OBJECT_NAME)
            .closed();

    static final Schema TARGET_REFS = listOf(object()
            .required("group", Fields.GROUP)
            .required("kind", Fields.KIND)
            .required("name", Fields.OBJECT_NAME)
            .optional("sectionName", Fields.SECTION_NAME)
            .closed()).size(1, 16)
            .rule(BackendTlsPolicyRules::sectionNamesOfSameTarget);

    static final Schema SUBJECT_ALT_NAME = object()
            .required("type", string().oneOf("Hostname", "URI"))
            .optional("hostname", Fields.HOSTNAME)
            .optional("uri", string().length(1, 253).pattern(ABSOLUTE_URI))
            .closed()
            .rule(BackendTlsPolicyRules::subjectAltNameMatchesType);

    static final Schema VALIDATION = object()
            .optional("caCertificateRefs", listOf(LOCAL_REF).size(0, 8))
            .optional("wellKnownCACertificates", string().oneOf("System"))
            .required("hostname", Fields.PRECISE_HOSTNAME)
            .optional("subjectAltNames", listOf(SUBJECT_ALT_NAME).size(0, 5))
            .closed()
            .rule(BackendTlsPolicyRules::oneTrustSource);

    /** At most this many TLS options (the CRD's {@code maxProperties}). */
    static final int MAX_OPTIONS = 16;

    private static final Schema OPTION_VALUE = string().length(0, 4096);

    /** {@code options}: a string map of at most {@link #MAX_OPTIONS} entries, each value at most 4096 characters. */
    static final Schema OPTIONS = (value, path, out) -> {
        if (!(value instanceof Map<?, ?> options)) {
            out.add(path, "expected an object, got " + Schema.describe(value));
            return;
        }
        if (options.size() > MAX_OPTIONS) {
            out.add(path, "has " + options.size() + " properties (expected at most " + MAX_OPTIONS + ")");
        }
        for (Map.Entry<?, ?> option : options.entrySet()) {
            if (option.getValue() != null) {
                OPTION_VALUE.check(option.getValue(), path + "[" + option.getKey() + "]", out);
            }
        }
    };

    static final Schema SPEC = object()
            .required("targetRefs", TARGET_REFS)
            .required("validation", VALIDATION)
            .optional("options", OPTIONS)
            .closed();

    private BackendTlsPolicySchemas() {}
}
