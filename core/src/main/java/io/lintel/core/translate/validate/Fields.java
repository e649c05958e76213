package io.lintel.core.translate.validate;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.Schema;

/** Field-level schemas shared by every Gateway API kind: names, namespaces, groups, kinds, hostnames, ports. */
final class Fields {

    static final Schema NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);
    static final Schema NAMESPACE = string().length(1, 63).pattern(Patterns.DNS_LABEL);
    static final Schema GROUP = string().length(0, 253).pattern(Patterns.GROUP);
    static final Schema KIND = string().length(1, 63).pattern(Patterns.KIND);
    static final Schema SECTION_NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);
    static final Schema HOSTNAME = string().length(1, 253).pattern(Patterns.HOSTNAME);
    static final Schema PORT = range(1, 65535);

    static final Schema METADATA = object()
            .required("name", string().length(1, 253))
            .optional("namespace", NAMESPACE)
            .optional("generation", range(0, Long.MAX_VALUE))
            .optional("labels", Schema.ANY)
            .optional("creationTimestamp", string());

    private Fields() {}
}
