package io.lintel.core.translate.validate;

import static io.lintel.core.translate.validate.Fields.GROUP;
import static io.lintel.core.translate.validate.Fields.KIND;
import static io.lintel.core.translate.validate.Fields.SECTION_NAME;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.Schema;

/** The schema of BackendTLSPolicy (v1, Gateway API v1.6 experimental CRD); its CEL rules are in {@link BackendTlsPolicyRules}. */
final class BackendTlsPolicySchemas {

    /** AbsoluteURI: a scheme and a scheme-specific part (RFC 3986), e.g. a SPIFFE ID. */
    static final String ABSOLUTE_URI = "^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\\?([^#]*))?(#(.*))?";

    static final Schema LOCAL_REF = object()
            .required("group", GROUP)
            .required("kind", KIND)
            .required("name", GatewaySchemas.OBJECT_NAME);

    static final Schema TARGET_REFS = listOf(object()
            .required("group", GROUP)
            .required("kind", KIND)
            .required("name", GatewaySchemas.OBJECT_NAME)
            .optional("sectionName", SECTION_NAME)).size(1, 16)
            .rule(BackendTlsPolicyRules::sectionNamesOfSameTarget);

    static final Schema SUBJECT_ALT_NAME = object()
            .required("type", string().oneOf("Hostname", "URI"))
            .optional("hostname", Fields.HOSTNAME)
            .optional("uri", string().length(1, 253).pattern(ABSOLUTE_URI))
            .rule(BackendTlsPolicyRules::subjectAltNameMatchesType);

    static final Schema VALIDATION = object()
            .optional("caCertificateRefs", listOf(LOCAL_REF).size(0, 8))
            .optional("wellKnownCACertificates", string().oneOf("System"))
            .required("hostname", FilterSchemas.PRECISE_HOSTNAME)
            .optional("subjectAltNames", listOf(SUBJECT_ALT_NAME).size(0, 5))
            .rule(BackendTlsPolicyRules::oneTrustSource);

    static final Schema SPEC = object()
            .required("targetRefs", TARGET_REFS)
            .required("validation", VALIDATION)
            .optional("options", GatewaySchemas.TLS_OPTIONS);

    private BackendTlsPolicySchemas() {}
}
